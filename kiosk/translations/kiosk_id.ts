<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID" sourcelanguage="en">
<context>
    <name>Kiosk</name>
    <message>
        <source>Wrong PIN. Tries left: {n}.</source>
        <translation>PIN salah. Sisa percobaan: {n}.</translation>
    </message>
    <message>
        <source>Nothing to reprint</source>
        <translation>Tidak ada yang dicetak ulang</translation>
    </message>
    <message>
        <source>No ticket was issued yet.</source>
        <translation>Belum ada tiket yang dikeluarkan.</translation>
    </message>
    <message>
        <source>Too many wrong tries. Try again in {n} minutes.</source>
        <translation>Terlalu banyak percobaan salah. Coba lagi dalam {n} menit.</translation>
    </message>
    <message>
        <source>No staff PIN is set on this kiosk.</source>
        <translation>PIN petugas belum diatur di kios ini.</translation>
    </message>
    <message>
        <source>To set one: {command}, into kiosk.staff_pin_hash.</source>
        <translation>Cara mengaturnya: {command}, ke kiosk.staff_pin_hash.</translation>
    </message>
    <message>
        <source>The ticket could not be printed.</source>
        <translation>Tiket tidak dapat dicetak.</translation>
    </message>
    <message>
        <source>{problem} Your number is {number}: please show this screen at the desk.</source>
        <translation>{problem} Nomor Anda {number}: tunjukkan layar ini di meja informasi.</translation>
    </message>
    <message>
        <source>Your number is valid. Please take a photo of this screen, or remember the number, and wait until it is called.</source>
        <translation>Nomor Anda berlaku. Silakan foto layar ini atau ingat nomornya, lalu tunggu sampai dipanggil.</translation>
    </message>
    <message>
        <source>The printer is out of paper.</source>
        <translation>Kertas printer habis.</translation>
    </message>
    <message>
        <source>The printer cover is open.</source>
        <translation>Tutup printer terbuka.</translation>
    </message>
    <message>
        <source>The printer is not working right now.</source>
        <translation>Printer sedang tidak berfungsi.</translation>
    </message>
    <message>
        <source>The ticket could not be printed. Please show this screen at the desk.</source>
        <translation>Tiket tidak dapat dicetak. Tunjukkan layar ini di meja informasi.</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Kembali</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Assisted mode</source>
        <translation>Mode bantuan</translation>
    </message>
    <message>
        <source>For staff helping an applicant. Leaves by itself when idle.</source>
        <translation>Untuk petugas yang membantu pemohon. Keluar sendiri bila tidak digunakan.</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Petugas</translation>
    </message>
    <message>
        <source>A staff member confirms this priority ticket with the staff PIN.</source>
        <translation>Petugas mengonfirmasi tiket prioritas ini dengan PIN petugas.</translation>
    </message>
    <message>
        <source>Enter the staff PIN.</source>
        <translation>Masukkan PIN petugas.</translation>
    </message>
    <message>
        <source>Find a booking</source>
        <translation>Cari pemesanan</translation>
    </message>
    <message>
        <source>Type the booking code</source>
        <translation>Ketik kode pemesanan</translation>
    </message>
    <message>
        <source>Priority ticket</source>
        <translation>Tiket prioritas</translation>
    </message>
    <message>
        <source>No staff confirmation needed</source>
        <translation>Tanpa konfirmasi petugas</translation>
    </message>
    <message>
        <source>Walk-in beyond the quota</source>
        <translation>Datang langsung di luar kuota</translation>
    </message>
    <message>
        <source>With a reason; recorded</source>
        <translation>Dengan alasan; dicatat</translation>
    </message>
    <message>
        <source>Reprint the last ticket</source>
        <translation>Cetak ulang tiket terakhir</translation>
    </message>
    <message>
        <source>Last ticket: {number}</source>
        <translation>Tiket terakhir: {number}</translation>
    </message>
    <message>
        <source>Leave assisted mode</source>
        <translation>Keluar dari mode bantuan</translation>
    </message>
    <message>
        <source>Close the kiosk</source>
        <translation>Tutup kios</translation>
    </message>
    <message>
        <source>Needs the staff PIN again</source>
        <translation>Perlu PIN petugas lagi</translation>
    </message>
    <message>
        <source>Staff: assisted mode</source>
        <translation>Petugas: mode bantuan</translation>
    </message>
    <message>
        <source>Staff: close the kiosk</source>
        <translation>Petugas: tutup kios</translation>
    </message>
    <message>
        <source>Staff confirmation</source>
        <translation>Konfirmasi petugas</translation>
    </message>
    <message>
        <source>Scan your booking</source>
        <translation>Pindai pemesanan Anda</translation>
    </message>
    <message>
        <source>Hold the QR code of your booking (on your phone or on paper) under the scanner below the screen.</source>
        <translation>Arahkan kode QR pemesanan Anda (di ponsel atau kertas) ke pemindai di bawah layar.</translation>
    </message>
    <message>
        <source>Hold the QR code of your booking (on your phone or on paper) up to the camera, inside the yellow corners, until the screen changes.</source>
        <translation>Arahkan kode QR pemesanan Anda (di ponsel atau kertas) ke kamera, di dalam sudut kuning, sampai layar berganti.</translation>
    </message>
    <message>
        <source>The camera is not working right now. Touch “Type the code” to type the code of your booking.</source>
        <translation>Kamera sedang tidak berfungsi. Sentuh “Ketik kode” untuk mengetik kode pemesanan Anda.</translation>
    </message>
    <message>
        <source>Cannot scan? Touch “Type the code”.</source>
        <translation>Tidak bisa dipindai? Sentuh “Ketik kode”.</translation>
    </message>
    <message>
        <source>Type the code</source>
        <translation>Ketik kode</translation>
    </message>
    <message>
        <source>Reason for the override</source>
        <translation>Alasan di luar kuota</translation>
    </message>
    <message>
        <source>Type why this ticket is issued beyond the quota.</source>
        <translation>Ketik alasan tiket ini dikeluarkan di luar kuota.</translation>
    </message>
    <message>
        <source>Type your booking code</source>
        <translation>Ketik kode pemesanan Anda</translation>
    </message>
    <message>
        <source>The code is printed under the QR code, for example MP261201JKS00001.</source>
        <translation>Kode tertera di bawah kode QR, misalnya MP261201JKS00001.</translation>
    </message>
    <message>
        <source>{n} tickets left today</source>
        <translation>Sisa {n} tiket hari ini</translation>
    </message>
    <message>
        <source>Full for today</source>
        <translation>Penuh untuk hari ini</translation>
    </message>
    <message>
        <source>Booking</source>
        <translation>Pemesanan</translation>
    </message>
    <message>
        <source>Walk-in</source>
        <translation>Datang langsung</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Prioritas</translation>
    </message>
    <message>
        <source>VIP one-day service</source>
        <translation>Layanan VIP satu hari</translation>
    </message>
    <message>
        <source>Choose a service</source>
        <translation>Pilih layanan</translation>
    </message>
    <message>
        <source>Ticket type: {kind}</source>
        <translation>Jenis tiket: {kind}</translation>
    </message>
    <message>
        <source>Priority service</source>
        <translation>Layanan prioritas</translation>
    </message>
    <message>
        <source>Who is the priority for?</source>
        <translation>Prioritas untuk siapa?</translation>
    </message>
    <message>
        <source>Staff may ask you to show proof at the counter.</source>
        <translation>Petugas dapat meminta bukti di loket.</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Lanjut</translation>
    </message>
    <message>
        <source>Information</source>
        <translation>Informasi</translation>
    </message>
    <message>
        <source>Take an information ticket</source>
        <translation>Ambil tiket informasi</translation>
    </message>
    <message>
        <source>Please check</source>
        <translation>Mohon periksa</translation>
    </message>
    <message>
        <source>Print my ticket</source>
        <translation>Cetak tiket saya</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Layanan</translation>
    </message>
    <message>
        <source>Ticket type</source>
        <translation>Jenis tiket</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Alasan</translation>
    </message>
    <message>
        <source>Quota override</source>
        <translation>Di luar kuota</translation>
    </message>
    <message>
        <source>With a booking: scan the QR code of your M-Paspor booking here, from one hour before your session.</source>
        <translation>Dengan pemesanan: pindai kode QR pemesanan M-Paspor Anda di sini, mulai satu jam sebelum sesi Anda.</translation>
    </message>
    <message>
        <source>Without a booking: walk-in tickets are issued on {days}.</source>
        <translation>Tanpa pemesanan: tiket datang langsung dikeluarkan pada hari {days}.</translation>
    </message>
    <message>
        <source>Aged 60 or over, with a disability, pregnant, or with a child under 5: choose Priority service.</source>
        <translation>Usia 60 tahun ke atas, penyandang disabilitas, ibu hamil, atau membawa balita: pilih Layanan prioritas.</translation>
    </message>
    <message>
        <source>For other questions, take an information ticket.</source>
        <translation>Untuk pertanyaan lain, ambil tiket informasi.</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>Selamat datang</translation>
    </message>
    <message>
        <source>Touch what you need:</source>
        <translation>Sentuh yang Anda perlukan:</translation>
    </message>
    <message>
        <source>I have a booking</source>
        <translation>Sudah pesan antrean</translation>
    </message>
    <message>
        <source>Scan the QR code from the M-Paspor app</source>
        <translation>Pindai kode QR dari aplikasi M-Paspor</translation>
    </message>
    <message>
        <source>No booking: take a queue ticket</source>
        <translation>Tanpa pemesanan: ambil tiket antrean</translation>
    </message>
    <message>
        <source>Aged 60+, disability, pregnant, or with a child under 5</source>
        <translation>Lansia 60+, disabilitas, ibu hamil, atau membawa balita</translation>
    </message>
    <message>
        <source>Passport the same day</source>
        <translation>Paspor jadi di hari yang sama</translation>
    </message>
    <message>
        <source>Questions and passport pick-up</source>
        <translation>Pertanyaan dan pengambilan paspor</translation>
    </message>
    <message>
        <source>Walk-in tickets left today</source>
        <translation>Sisa tiket datang langsung hari ini</translation>
    </message>
    <message>
        <source>Walk-in registration is not open today.</source>
        <translation>Pendaftaran datang langsung tidak dibuka hari ini.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Memeriksa…</translation>
    </message>
    <message>
        <source>Walk-in tickets are issued while they last.</source>
        <translation>Tiket datang langsung dikeluarkan selama masih tersedia.</translation>
    </message>
    <message>
        <source>available</source>
        <translation>tersedia</translation>
    </message>
    <message>
        <source>full</source>
        <translation>penuh</translation>
    </message>
    <message>
        <source>{n} left</source>
        <translation>sisa {n}</translation>
    </message>
    <message>
        <source>Your queue number</source>
        <translation>Nomor antrean Anda</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <source>Booking {code}, session {time}</source>
        <translation>Pemesanan {code}, sesi {time}</translation>
    </message>
    <message>
        <source>People ahead of you: {n}</source>
        <translation>Orang di depan Anda: {n}</translation>
    </message>
    <message>
        <source>Scan again</source>
        <translation>Pindai lagi</translation>
    </message>
    <message>
        <source>VIP service</source>
        <translation>Layanan VIP</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Beranda</translation>
    </message>
    <message>
        <source>One moment please…</source>
        <translation>Mohon tunggu sebentar…</translation>
    </message>
    <message>
        <source>This kiosk is temporarily out of service</source>
        <translation>Kios ini sementara tidak dapat digunakan</translation>
    </message>
    <message>
        <source>Please ask at the information desk for a queue ticket.</source>
        <translation>Silakan minta tiket antrean di meja informasi.</translation>
    </message>
    <message>
        <source>The kiosk will be back by itself as soon as possible.</source>
        <translation>Kios akan aktif kembali dengan sendirinya secepatnya.</translation>
    </message>
    <message>
        <source>Estimated wait: not known yet</source>
        <translation>Perkiraan waktu tunggu: belum diketahui</translation>
    </message>
    <message>
        <source>Estimated wait: about {n} minutes</source>
        <translation>Perkiraan waktu tunggu: sekitar {n} menit</translation>
    </message>
    <message>
        <source>Printing your ticket…</source>
        <translation>Tiket Anda sedang dicetak…</translation>
    </message>
    <message>
        <source>Please take your ticket below.</source>
        <translation>Silakan ambil tiket Anda di bawah.</translation>
    </message>
    <message>
        <source>Still there?</source>
        <translation>Masih di sana?</translation>
    </message>
    <message>
        <source>Back to the start in {n} seconds.</source>
        <translation>Kembali ke awal dalam {n} detik.</translation>
    </message>
    <message>
        <source>Yes, I am still here</source>
        <translation>Ya, saya masih di sini</translation>
    </message>
    <message>
        <source>Listen</source>
        <translation>Dengarkan</translation>
    </message>
    <message>
        <source>Large text</source>
        <translation>Teks besar</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>Kontras tinggi</translation>
    </message>
    <message>
        <source>Next opening: {when}.</source>
        <translation>Buka kembali: {when}.</translation>
    </message>
    <message>
        <source>Other ways to be served:</source>
        <translation>Cara lain untuk dilayani:</translation>
    </message>
    <message>
        <source>• Book a queue slot online with the M-Paspor app.</source>
        <translation>• Pesan antrean online dengan aplikasi M-Paspor.</translation>
    </message>
    <message>
        <source>Please ask at the information desk when we open again.</source>
        <translation>Silakan tanyakan di meja informasi kapan kami buka kembali.</translation>
    </message>
    <message>
        <source>The office is closed today</source>
        <translation>Kantor tutup hari ini</translation>
    </message>
    <message>
        <source>Sorry, something went wrong</source>
        <translation>Maaf, terjadi gangguan</translation>
    </message>
    <message>
        <source>Please try again, or ask at the information desk.</source>
        <translation>Silakan coba lagi, atau tanyakan di meja informasi.</translation>
    </message>
    <message>
        <source>• Priority service: for applicants aged 60 or over, with a disability, pregnant, or with a child under 5.</source>
        <translation>• Layanan prioritas: untuk pemohon usia 60 tahun ke atas, penyandang disabilitas, ibu hamil, atau membawa balita.</translation>
    </message>
    <message>
        <source>• VIP one-day service (extra fee), no booking needed.</source>
        <translation>• Layanan VIP satu hari (biaya tambahan), tanpa pemesanan.</translation>
    </message>
    <message>
        <source>We could not read this code</source>
        <translation>Kode ini tidak dapat dibaca</translation>
    </message>
    <message>
        <source>Please scan the QR code of your booking again, or type the booking code.</source>
        <translation>Silakan pindai lagi kode QR pemesanan Anda, atau ketik kode pemesanan.</translation>
    </message>
    <message>
        <source>Booking not found</source>
        <translation>Pemesanan tidak ditemukan</translation>
    </message>
    <message>
        <source>Booking {code} is not in today's list. Please check the code, or ask at the information desk.</source>
        <translation>Pemesanan {code} tidak ada dalam daftar hari ini. Periksa kodenya, atau tanyakan di meja informasi.</translation>
    </message>
    <message>
        <source>This booking is for another office</source>
        <translation>Pemesanan ini untuk kantor lain</translation>
    </message>
    <message>
        <source>Booking {code} was made for another immigration office. Please go to the office shown in your M-Paspor app.</source>
        <translation>Pemesanan {code} dibuat untuk kantor imigrasi lain. Silakan datang ke kantor yang tertera di aplikasi M-Paspor Anda.</translation>
    </message>
    <message>
        <source>This booking is for another day</source>
        <translation>Pemesanan ini untuk hari lain</translation>
    </message>
    <message>
        <source>Your booking is for {day}. Please come back on that day.</source>
        <translation>Pemesanan Anda untuk {day}. Silakan datang pada hari tersebut.</translation>
    </message>
    <message>
        <source>This QR code is not valid</source>
        <translation>Kode QR ini tidak sah</translation>
    </message>
    <message>
        <source>This QR code could not be confirmed as a booking for this office. Please type your booking code, or ask at the information desk.</source>
        <translation>Kode QR ini tidak dapat dipastikan sebagai pemesanan untuk kantor ini. Silakan ketik kode pemesanan Anda, atau tanyakan di meja informasi.</translation>
    </message>
    <message>
        <source>This booking QR code has expired</source>
        <translation>Kode QR pemesanan ini sudah kedaluwarsa</translation>
    </message>
    <message>
        <source>Please open the latest QR code of your booking in the M-Paspor app, or type the booking code.</source>
        <translation>Silakan buka kode QR terbaru pemesanan Anda di aplikasi M-Paspor, atau ketik kode pemesanan.</translation>
    </message>
    <message>
        <source>This booking was cancelled</source>
        <translation>Pemesanan ini sudah dibatalkan</translation>
    </message>
    <message>
        <source>This booking was moved to another day</source>
        <translation>Pemesanan ini sudah dipindahkan ke hari lain</translation>
    </message>
    <message>
        <source>Please check the new date of booking {code} in the M-Paspor app.</source>
        <translation>Periksa tanggal baru pemesanan {code} di aplikasi M-Paspor.</translation>
    </message>
    <message>
        <source>It is too early to check in</source>
        <translation>Terlalu awal untuk check-in</translation>
    </message>
    <message>
        <source>Check-in for your booking opens at {time}. Please wait and scan again then.</source>
        <translation>Check-in pemesanan Anda dibuka pukul {time}. Silakan tunggu dan pindai lagi nanti.</translation>
    </message>
    <message>
        <source>The check-in time has passed</source>
        <translation>Waktu check-in sudah lewat</translation>
    </message>
    <message>
        <source>Please go to the information desk: the staff there will help you.</source>
        <translation>Silakan ke meja informasi: petugas akan membantu Anda.</translation>
    </message>
    <message>
        <source>This booking is already checked in</source>
        <translation>Pemesanan ini sudah check-in</translation>
    </message>
    <message>
        <source>Your ticket number is shown below. If you lost the ticket, please ask at the information desk: only staff can print it again.</source>
        <translation>Nomor tiket Anda tertera di bawah. Jika tiket hilang, tanyakan di meja informasi: hanya petugas yang dapat mencetaknya lagi.</translation>
    </message>
    <message>
        <source>This service is not available at this kiosk</source>
        <translation>Layanan ini tidak tersedia di kios ini</translation>
    </message>
    <message>
        <source>Please ask at the information desk.</source>
        <translation>Silakan tanyakan di meja informasi.</translation>
    </message>
    <message>
        <source>Today's tickets for {service} are all taken</source>
        <translation>Tiket {service} hari ini sudah habis</translation>
    </message>
    <message>
        <source>Walk-in registration is not open today</source>
        <translation>Pendaftaran datang langsung tidak dibuka hari ini</translation>
    </message>
    <message>
        <source>The office is closed now</source>
        <translation>Kantor sedang tutup</translation>
    </message>
    <message>
        <source>The system is busy</source>
        <translation>Sistem sedang sibuk</translation>
    </message>
    <message>
        <source>Please try again in a moment.</source>
        <translation>Silakan coba lagi sebentar lagi.</translation>
    </message>
    <message>
        <source>This cannot be done here</source>
        <translation>Hal ini tidak dapat dilakukan di sini</translation>
    </message>
    <message>
        <source>Today's walk-in tickets for {service} are all taken</source>
        <translation>Tiket datang langsung {service} hari ini sudah habis</translation>
    </message>
    <message>
        <source>Booking {code} was cancelled.</source>
        <translation>Pemesanan {code} sudah dibatalkan.</translation>
    </message>
    <message>
        <source>Walk-in tickets are issued on: {days}.</source>
        <translation>Tiket datang langsung dikeluarkan pada hari: {days}.</translation>
    </message>
    <message>
        <source>Please come back on the next walk-in day.</source>
        <translation>Silakan datang kembali pada hari datang langsung berikutnya.</translation>
    </message>
    <message>
        <source>A problem in this office</source>
        <translation>Masalah di kantor ini</translation>
    </message>
    <message>
        <source>Agree and send</source>
        <translation>Setuju dan kirim</translation>
    </message>
    <message>
        <source>All topics</source>
        <translation>Semua topik</translation>
    </message>
    <message>
        <source>Anything else you would like to tell us? (optional)</source>
        <translation>Ada hal lain yang ingin Anda sampaikan? (tidak wajib)</translation>
    </message>
    <message>
        <source>E-mail or account verification failed</source>
        <translation>Verifikasi e-mail atau akun gagal</translation>
    </message>
    <message>
        <source>Fair</source>
        <translation>Kurang baik</translation>
    </message>
    <message>
        <source>Poor</source>
        <translation>Tidak baik</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>Baik</translation>
    </message>
    <message>
        <source>Very good</source>
        <translation>Sangat baik</translation>
    </message>
    <message>
        <source>How capable were the officers?</source>
        <translation>Bagaimana kompetensi petugas dalam memberikan pelayanan?</translation>
    </message>
    <message>
        <source>How easy was the procedure?</source>
        <translation>Bagaimana kemudahan prosedur pelayanan?</translation>
    </message>
    <message>
        <source>How good are the facilities (waiting room, seats, toilets)?</source>
        <translation>Bagaimana kualitas sarana dan prasarana (ruang tunggu, kursi, toilet)?</translation>
    </message>
    <message>
        <source>How polite and friendly were the officers?</source>
        <translation>Bagaimana kesopanan dan keramahan petugas?</translation>
    </message>
    <message>
        <source>How quickly were you served?</source>
        <translation>Bagaimana kecepatan waktu pelayanan?</translation>
    </message>
    <message>
        <source>How was our service?</source>
        <translation>Bagaimana pelayanan kami?</translation>
    </message>
    <message>
        <source>How well does this office handle complaints?</source>
        <translation>Bagaimana penanganan pengaduan di kantor ini?</translation>
    </message>
    <message>
        <source>I have no smartphone</source>
        <translation>Saya tidak punya ponsel pintar</translation>
    </message>
    <message>
        <source>My phone is not supported</source>
        <translation>Ponsel saya tidak didukung</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Lanjut</translation>
    </message>
    <message>
        <source>Please note it down: the information desk can look up your report with it.</source>
        <translation>Silakan dicatat: petugas informasi dapat mencari laporan Anda dengan nomor ini.</translation>
    </message>
    <message>
        <source>Report a problem</source>
        <translation>Laporkan masalah</translation>
    </message>
    <message>
        <source>Scan to read this at home</source>
        <translation>Pindai untuk membaca di rumah</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Kirim</translation>
    </message>
    <message>
        <source>Send without contact</source>
        <translation>Kirim tanpa kontak</translation>
    </message>
    <message>
        <source>Served already? Scan your ticket to rate us</source>
        <translation>Sudah dilayani? Pindai tiket Anda untuk menilai kami</translation>
    </message>
    <message>
        <source>Something else</source>
        <translation>Hal lain</translation>
    </message>
    <message>
        <source>Survey not possible</source>
        <translation>Survei tidak dapat diisi</translation>
    </message>
    <message>
        <source>Thank you for your answers!</source>
        <translation>Terima kasih atas jawaban Anda!</translation>
    </message>
    <message>
        <source>Thank you. Your report was received.</source>
        <translation>Terima kasih. Laporan Anda sudah diterima.</translation>
    </message>
    <message>
        <source>The online booking app cannot be reached</source>
        <translation>Aplikasi pemesanan online tidak dapat diakses</translation>
    </message>
    <message>
        <source>The quota was full when I tried to book</source>
        <translation>Kuota penuh saat saya mencoba memesan</translation>
    </message>
    <message>
        <source>The survey for ticket {number} was already given. Thank you!</source>
        <translation>Survei untuk tiket {number} sudah diisi. Terima kasih!</translation>
    </message>
    <message>
        <source>They help us serve you better.</source>
        <translation>Jawaban Anda membantu kami melayani lebih baik.</translation>
    </message>
    <message>
        <source>This QR code is not a ticket of this office.</source>
        <translation>Kode QR ini bukan tiket kantor ini.</translation>
    </message>
    <message>
        <source>This is not a phone number or an e-mail address.</source>
        <translation>Ini bukan nomor telepon atau alamat e-mail.</translation>
    </message>
    <message>
        <source>Ticket {number} has not been served yet. The survey opens after your service.</source>
        <translation>Tiket {number} belum dilayani. Survei dapat diisi setelah Anda dilayani.</translation>
    </message>
    <message>
        <source>Ticket {number} was served too long ago to be rated.</source>
        <translation>Tiket {number} dilayani terlalu lama yang lalu untuk dinilai.</translation>
    </message>
    <message>
        <source>Ticket {number} · question {n} of {total}</source>
        <translation>Tiket {number} · pertanyaan {n} dari {total}</translation>
    </message>
    <message>
        <source>Touch a topic to read more.</source>
        <translation>Sentuh topik untuk membaca lebih lanjut.</translation>
    </message>
    <message>
        <source>Touch the face that fits best.</source>
        <translation>Sentuh wajah yang paling sesuai.</translation>
    </message>
    <message>
        <source>Was the fee fair?</source>
        <translation>Bagaimana kewajaran biaya/tarif pelayanan?</translation>
    </message>
    <message>
        <source>Was the result what the service standard promises?</source>
        <translation>Apakah hasil pelayanan sesuai dengan standar pelayanan?</translation>
    </message>
    <message>
        <source>Were the requirements for this service clear and fitting?</source>
        <translation>Bagaimana kesesuaian persyaratan dengan jenis pelayanannya?</translation>
    </message>
    <message>
        <source>What went wrong?</source>
        <translation>Apa masalahnya?</translation>
    </message>
    <message>
        <source>Would you like an answer? Type your phone number or e-mail.</source>
        <translation>Ingin mendapat jawaban? Ketik nomor telepon atau e-mail Anda.</translation>
    </message>
    <message>
        <source>Your phone number or e-mail is used only to answer this report and is seen only by the office's supervisors. By touching “Agree and send” you agree to this.</source>
        <translation>Nomor telepon atau e-mail Anda hanya dipakai untuk menjawab laporan ini dan hanya dilihat oleh pengawas kantor. Dengan menyentuh “Setuju dan kirim” Anda menyetujui hal ini.</translation>
    </message>
    <message>
        <source>Your receipt number</source>
        <translation>Nomor tanda terima Anda</translation>
    </message>
    <message>
        <source>{category}. Tell us more if you like (optional).</source>
        <translation>{category}. Ceritakan lebih lanjut bila Anda mau (tidak wajib).</translation>
    </message>
    <message>
        <source>Booking code: {code}</source>
        <translation>Kode pemesanan: {code}</translation>
    </message>
    <message>
        <source>By booking code or name</source>
        <translation>Dengan kode pemesanan atau nama</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Dibatalkan</translation>
    </message>
    <message>
        <source>Checked in: ticket {number}</source>
        <translation>Sudah check-in: tiket {number}</translation>
    </message>
    <message>
        <source>Is this your booking?</source>
        <translation>Apakah ini pemesanan Anda?</translation>
    </message>
    <message>
        <source>Moved to another day</source>
        <translation>Dipindah ke hari lain</translation>
    </message>
    <message>
        <source>Name: {name}</source>
        <translation>Nama: {name}</translation>
    </message>
    <message>
        <source>No booking today matches “{text}”.</source>
        <translation>Tidak ada pemesanan hari ini yang cocok dengan “{text}”.</translation>
    </message>
    <message>
        <source>Not checked in yet</source>
        <translation>Belum check-in</translation>
    </message>
    <message>
        <source>Not your booking? Touch “Back” and ask at the desk.</source>
        <translation>Bukan pemesanan Anda? Sentuh “Kembali” dan tanyakan di meja informasi.</translation>
    </message>
    <message>
        <source>Please check your booking, then print your queue ticket.</source>
        <translation>Periksa pemesanan Anda, lalu cetak tiket antrean Anda.</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Cari</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Sedang mencari…</translation>
    </message>
    <message>
        <source>Session: {start} – {end}</source>
        <translation>Sesi: {start} – {end}</translation>
    </message>
    <message>
        <source>The first {n} bookings found; type more to narrow.</source>
        <translation>{n} pemesanan pertama yang ditemukan; ketik lebih banyak untuk mempersempit.</translation>
    </message>
    <message>
        <source>Today's bookings are searched.</source>
        <translation>Yang dicari adalah pemesanan hari ini.</translation>
    </message>
    <message>
        <source>Type the booking code or a part of the applicant's name, then touch Search.</source>
        <translation>Ketik kode pemesanan atau sebagian nama pemohon, lalu sentuh Cari.</translation>
    </message>
    <message>
        <source>Change the search</source>
        <translation>Ubah pencarian</translation>
    </message>
    <message>
        <source>called soon</source>
        <translation>segera dipanggil</translation>
    </message>
    <message>
        <source>± {m} minutes</source>
        <translation>± {m} menit</translation>
    </message>
    <message>
        <source>± {h} hours</source>
        <translation>± {h} jam</translation>
    </message>
    <message>
        <source>± {h} h {m} min</source>
        <translation>± {h} jam {m} menit</translation>
    </message>
    <message>
        <source>Full for today: see the other ways below</source>
        <translation>Penuh untuk hari ini: lihat cara lain di bawah</translation>
    </message>
    <message>
        <source>Today's tickets for {services} are all taken</source>
        <translation>Tiket hari ini untuk {services} sudah habis</translation>
    </message>
    <message>
        <source>Another service</source>
        <translation>Layanan lain</translation>
    </message>
    <message>
        <source>Estimated wait: {wait}</source>
        <translation>Perkiraan waktu tunggu: {wait}</translation>
    </message>
    <message>
        <source>The day of this booking has passed</source>
        <translation>Tanggal pemesanan ini sudah lewat</translation>
    </message>
    <message>
        <source>Your booking was for {day}. It cannot be used any more: please book a new queue slot in the M-Paspor app.</source>
        <translation>Pemesanan Anda untuk {day} dan tidak dapat dipakai lagi. Silakan pesan antrean baru di aplikasi M-Paspor.</translation>
    </message>
    <message>
        <source>Or take a walk-in ticket for today.</source>
        <translation>Atau ambil tiket datang langsung untuk hari ini.</translation>
    </message>
    <message>
        <source>• A walk-in ticket for today: tickets are still left.</source>
        <translation>• Tiket datang langsung untuk hari ini: masih tersedia.</translation>
    </message>
    <message>
        <source>Walk-in ticket</source>
        <translation>Tiket datang langsung</translation>
    </message>
    <message>
        <source>All {n} tickets for failed online bookings were issued today.</source>
        <translation>Semua {n} tiket untuk pemohon yang gagal memesan antrean online sudah diterbitkan hari ini.</translation>
    </message>
    <message>
        <source>Another reason</source>
        <translation>Alasan lain</translation>
    </message>
    <message>
        <source>Failed online bookings</source>
        <translation>Gagal memesan antrean online</translation>
    </message>
    <message>
        <source>Failed online bookings: {note}</source>
        <translation>Gagal memesan antrean online: {note}</translation>
    </message>
    <message>
        <source>Left today: {n}.</source>
        <translation>Sisa hari ini: {n}.</translation>
    </message>
    <message>
        <source>Not open today</source>
        <translation>Tidak dibuka hari ini</translation>
    </message>
    <message>
        <source>The walk-in after failed online bookings is open on: {days}.</source>
        <translation>Layanan datang langsung bagi pemohon yang gagal memesan antrean online dibuka pada hari: {days}.</translation>
    </message>
    <message>
        <source>Today's quota is used up</source>
        <translation>Kuota hari ini sudah habis</translation>
    </message>
    <message>
        <source>Type it</source>
        <translation>Ketik sendiri</translation>
    </message>
    <message>
        <source>Type what the applicant showed (weeks, attempts).</source>
        <translation>Ketik bukti yang ditunjukkan pemohon (berapa minggu, berapa kali mencoba).</translation>
    </message>
    <message>
        <source>Walk-in after failed online bookings</source>
        <translation>Datang langsung setelah gagal memesan antrean online</translation>
    </message>
    <message>
        <source>Walk-in from its own quota, after seeing the evidence</source>
        <translation>Kuota tersendiri, setelah melihat buktinya</translation>
    </message>
    <message>
        <source>What did the applicant show? Choose, or type another note.</source>
        <translation>Apa yang ditunjukkan pemohon? Pilih, atau ketik catatan lain.</translation>
    </message>
    <message>
        <source>Why is this ticket issued beyond the quota?</source>
        <translation>Mengapa tiket ini diterbitkan di luar kuota?</translation>
    </message>
    <message>
        <source>Touch the booking: you confirm before it is checked in.</source>
        <translation>Sentuh pemesanannya: Anda mengonfirmasi sebelum check-in.</translation>
    </message>
    <message>
        <source>Check in this booking?</source>
        <translation>Check-in pemesanan ini?</translation>
    </message>
    <message>
        <source>Check the name and the session with the applicant.</source>
        <translation>Periksa nama dan sesi bersama pemohon.</translation>
    </message>
    <message>
        <source>Not the right booking? Touch “Back”.</source>
        <translation>Bukan pemesanan yang dimaksud? Sentuh “Kembali”.</translation>
    </message>
    <message>
        <source>Check in and print</source>
        <translation>Check-in dan cetak</translation>
    </message>
    <message>
        <source>under 5 minutes</source>
        <translation>kurang dari 5 menit</translation>
    </message>
    <message>
        <source>about 1 hour</source>
        <translation>sekitar 1 jam</translation>
    </message>
    <message>
        <source>about {h} hours</source>
        <translation>sekitar {h} jam</translation>
    </message>
    <message>
        <source>{low}-{high} minutes</source>
        <translation>{low}-{high} menit</translation>
    </message>
    <message>
        <source>Closed for the rest of today</source>
        <translation>Tutup untuk sisa hari ini</translation>
    </message>
    <message>
        <source>The office is closed today: {reason}</source>
        <translation>Kantor tutup hari ini: {reason}</translation>
    </message>
    <message>
        <source>No tickets are issued today.</source>
        <translation>Hari ini tidak ada tiket yang diterbitkan.</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>tutup</translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation>Alasan: {reason}</translation>
    </message>
    <message>
        <source>{service} is closed for the rest of today</source>
        <translation>{service} tutup untuk sisa hari ini</translation>
    </message>
    <message>
        <source>A staff member confirms this priority ticket: touch your name, then enter your kiosk PIN.</source>
        <translation>Petugas mengonfirmasi tiket prioritas ini: sentuh nama Anda, lalu masukkan PIN kios Anda.</translation>
    </message>
    <message>
        <source>A supervisor of this office reads every report.</source>
        <translation>Setiap laporan dibaca oleh pengawas kantor ini.</translation>
    </message>
    <message>
        <source>More names</source>
        <translation>Nama lainnya</translation>
    </message>
    <message>
        <source>No officer has a kiosk PIN yet. An administrator sets them on the console's Officers page.</source>
        <translation>Belum ada petugas yang memiliki PIN kios. Administrator mengaturnya di halaman Petugas pada konsol.</translation>
    </message>
    <message>
        <source>Previous names</source>
        <translation>Nama sebelumnya</translation>
    </message>
    <message>
        <source>Problem report receipt</source>
        <translation>Tanda terima laporan</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Diterima</translation>
    </message>
    <message>
        <source>Recorded as the kiosk's staff, not by name</source>
        <translation>Dicatat sebagai petugas kios, bukan atas nama</translation>
    </message>
    <message>
        <source>Shared staff PIN</source>
        <translation>PIN petugas bersama</translation>
    </message>
    <message>
        <source>Signed in: {name}. What you do here is recorded under your name. Leaves by itself when idle.</source>
        <translation>Masuk sebagai {name}. Semua yang Anda lakukan di sini dicatat atas nama Anda. Keluar sendiri bila tidak digunakan.</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>Petugas telah keluar</translation>
    </message>
    <message>
        <source>The information desk can look up your report with this number.</source>
        <translation>Petugas informasi dapat mencari laporan Anda dengan nomor ini.</translation>
    </message>
    <message>
        <source>The receipt could not be printed.</source>
        <translation>Tanda terima tidak dapat dicetak.</translation>
    </message>
    <message>
        <source>This officer is not known any more.</source>
        <translation>Petugas ini tidak terdaftar lagi.</translation>
    </message>
    <message>
        <source>This officer's account cannot act here any more (deactivated or changed). Sign in again, or ask an administrator.</source>
        <translation>Akun petugas ini tidak dapat digunakan lagi di sini (dinonaktifkan atau diubah). Silakan masuk lagi, atau hubungi administrator.</translation>
    </message>
    <message>
        <source>This officer's account is deactivated. Ask an administrator.</source>
        <translation>Akun petugas ini dinonaktifkan. Silakan hubungi administrator.</translation>
    </message>
    <message>
        <source>To ask about your report, show this receipt at the information desk.</source>
        <translation>Untuk menanyakan laporan Anda, tunjukkan tanda terima ini di meja informasi.</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Topik</translation>
    </message>
    <message>
        <source>Touch your name first.</source>
        <translation>Sentuh nama Anda terlebih dahulu.</translation>
    </message>
    <message>
        <source>Touch your name, then enter your own kiosk PIN.</source>
        <translation>Sentuh nama Anda, lalu masukkan PIN kios Anda sendiri.</translation>
    </message>
    <message>
        <source>You will be answered at the phone number or e-mail you gave.</source>
        <translation>Jawaban dikirim ke nomor telepon atau e-mail yang Anda berikan.</translation>
    </message>
    <message>
        <source>Your receipt is being printed.</source>
        <translation>Tanda terima Anda sedang dicetak.</translation>
    </message>
    <message>
        <source>Your receipt is printed: please take it from the printer.</source>
        <translation>Tanda terima Anda sudah dicetak: silakan ambil dari printer.</translation>
    </message>
    <message>
        <source>{name}: confirm this priority ticket with your kiosk PIN.</source>
        <translation>{name}: konfirmasi tiket prioritas ini dengan PIN kios Anda.</translation>
    </message>
    <message>
        <source>{name}: enter your kiosk PIN.</source>
        <translation>{name}: masukkan PIN kios Anda.</translation>
    </message>
</context>
</TS>
