<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID" sourcelanguage="en">
<context>
    <name>Console</name>
    <message>
        <source>en</source>
        <translation>id</translation>
    </message>
    <message>
        <source>{h} h {m} min</source>
        <translation>{h} j {m} mnt</translation>
    </message>
    <message>
        <source>{n} min</source>
        <translation>{n} mnt</translation>
    </message>
    <message>
        <source>Booking</source>
        <translation>Booking</translation>
    </message>
    <message>
        <source>Walk-in</source>
        <translation>Langsung</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Prioritas</translation>
    </message>
    <message>
        <source>VIP</source>
        <translation>VIP</translation>
    </message>
    <message>
        <source>Call next</source>
        <translation>Panggil berikutnya</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>Panggil ulang</translation>
    </message>
    <message>
        <source>Start service</source>
        <translation>Mulai layanan</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <source>No-show</source>
        <translation>Tidak hadir</translation>
    </message>
    <message>
        <source>Transfer…</source>
        <translation>Pindahkan…</translation>
    </message>
    <message>
        <source>Call selected…</source>
        <translation>Panggil yang dipilih…</translation>
    </message>
    <message>
        <source>Put back in line</source>
        <translation>Kembalikan ke antrean</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Istirahat</translation>
    </message>
    <message>
        <source>Close counter</source>
        <translation>Tutup loket</translation>
    </message>
    <message>
        <source>{name} (counter {n})</source>
        <translation>{name} (nomor {n})</translation>
    </message>
    <message>
        <source>keeping its place</source>
        <translation>tetap di urutannya</translation>
    </message>
    <message>
        <source>at the back</source>
        <translation>di urutan belakang</translation>
    </message>
    <message>
        <source>Call {number}</source>
        <translation>Panggil {number}</translation>
    </message>
    <message>
        <source>Call {number} out of order: why?</source>
        <translation>Panggil {number} di luar urutan: apa alasannya?</translation>
    </message>
    <message>
        <source>at its original place</source>
        <translation>di urutan semula</translation>
    </message>
    <message>
        <source>Recall ({n})</source>
        <translation>Panggil ulang ({n})</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Lanjutkan</translation>
    </message>
    <message>
        <source>Open counter</source>
        <translation>Buka loket</translation>
    </message>
    <message>
        <source>Called {number}.</source>
        <translation>{number} dipanggil.</translation>
    </message>
    <message>
        <source>Recalled {number} ({n}×).</source>
        <translation>{number} dipanggil ulang ({n}×).</translation>
    </message>
    <message>
        <source>Serving {number}.</source>
        <translation>Melayani {number}.</translation>
    </message>
    <message>
        <source>{number} done.</source>
        <translation>{number} selesai.</translation>
    </message>
    <message>
        <source>{number} marked as no-show.</source>
        <translation>{number} dicatat tidak hadir.</translation>
    </message>
    <message>
        <source>{number} transferred to {service}, {where}.</source>
        <translation>{number} dipindahkan ke {service}, {where}.</translation>
    </message>
    <message>
        <source>Called {number} out of order.</source>
        <translation>{number} dipanggil di luar urutan.</translation>
    </message>
    <message>
        <source>{number} is back in line, {where}.</source>
        <translation>{number} kembali ke antrean, {where}.</translation>
    </message>
    <message>
        <source>Counter closed.</source>
        <translation>Loket ditutup.</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Buka</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Istirahat</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <source>Counter paused.</source>
        <translation>Loket istirahat.</translation>
    </message>
    <message>
        <source>Counter open.</source>
        <translation>Loket dibuka.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Reason (recorded)</source>
        <translation>Alasan (dicatat)</translation>
    </message>
    <message>
        <source>Transfer {number}</source>
        <translation>Pindahkan {number}</translation>
    </message>
    <message>
        <source>Keep the place in line (by issue time)</source>
        <translation>Tetap di urutannya (menurut waktu ambil tiket)</translation>
    </message>
    <message>
        <source>To the back of the line</source>
        <translation>Ke urutan paling belakang</translation>
    </message>
    <message>
        <source>No-show {number}</source>
        <translation>Tidak hadir: {number}</translation>
    </message>
    <message>
        <source>Mark {number} as not present? The display keeps showing the number with where to go.</source>
        <translation>Catat {number} tidak hadir? Layar panggilan tetap menampilkan nomornya beserta arahan tujuannya.</translation>
    </message>
    <message>
        <source>Reason for deciding early (recorded)</source>
        <translation>Alasan memutuskan lebih awal (dicatat)</translation>
    </message>
    <message>
        <source>{number} was called {time} ago and recalled {n}×: no-show is possible after {missing}.</source>
        <translation>{number} dipanggil {time} yang lalu dan dipanggil ulang {n}×: tidak hadir baru dapat dicatat setelah {missing}.</translation>
    </message>
    <message>
        <source>Put {number} back in line</source>
        <translation>Kembalikan {number} ke antrean</translation>
    </message>
    <message>
        <source>At the original place (issued {at})</source>
        <translation>Di urutan semula (tiket diambil {at})</translation>
    </message>
    <message>
        <source>At the back of the line</source>
        <translation>Di urutan paling belakang</translation>
    </message>
    <message>
        <source>Please give a reason.</source>
        <translation>Mohon isi alasannya.</translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation>Catatan (boleh kosong)</translation>
    </message>
    <message>
        <source>Transfer {number} to:</source>
        <translation>Pindahkan {number} ke:</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>Pindahkan</translation>
    </message>
    <message>
        <source>No other service takes this ticket</source>
        <translation>Tidak ada layanan lain yang menerima tiket ini</translation>
    </message>
    <message>
        <source>{number} is not present</source>
        <translation>{number} tidak hadir</translation>
    </message>
    <message>
        <source>{number} turned up: where does it go?</source>
        <translation>{number} datang: masuk ke urutan mana?</translation>
    </message>
    <message>
        <source>Put {number} back</source>
        <translation>Kembalikan {number}</translation>
    </message>
    <message>
        <source>{time} more</source>
        <translation>{time} lagi</translation>
    </message>
    <message>
        <source>{n} more recall(s)</source>
        <translation>{n} panggilan ulang lagi</translation>
    </message>
    <message>
        <source>As a supervisor you may decide now, with a reason.</source>
        <translation>Sebagai supervisor Anda dapat memutuskan sekarang, dengan alasan.</translation>
    </message>
    <message>
        <source> and </source>
        <translation> dan </translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Menunggu</translation>
    </message>
    <message>
        <source>No-shows today</source>
        <translation>Tidak hadir hari ini</translation>
    </message>
    <message>
        <source>Waiting for this counter ({n}), in calling order</source>
        <translation>Menunggu untuk loket ini ({n}), menurut urutan panggilan</translation>
    </message>
    <message>
        <source>No-shows today ({n}): select one to put back</source>
        <translation>Tidak hadir hari ini ({n}): pilih untuk dikembalikan</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Nomor</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Layanan</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Jalur</translation>
    </message>
    <message>
        <source>Booking slot</source>
        <translation>Jadwal booking</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>Loket</translation>
    </message>
    <message>
        <source>No-show at</source>
        <translation>Tidak hadir pukul</translation>
    </message>
    <message>
        <source>slot in {time}</source>
        <translation>jadwal dalam {time}</translation>
    </message>
    <message>
        <source>{number}  · put back</source>
        <translation>{number}  · dikembalikan</translation>
    </message>
    <message>
        <source>slot {time}</source>
        <translation>jadwal {time}</translation>
    </message>
    <message>
        <source>{time} (issued {at})</source>
        <translation>{time} (tiket diambil {at})</translation>
    </message>
    <message>
        <source>serving for {time}</source>
        <translation>dilayani selama {time}</translation>
    </message>
    <message>
        <source>called {time} ago</source>
        <translation>dipanggil {time} yang lalu</translation>
    </message>
    <message>
        <source>Waited</source>
        <translation>Lama menunggu</translation>
    </message>
    <message>
        <source>Time at counter</source>
        <translation>Waktu di loket</translation>
    </message>
    <message>
        <source>Recalls</source>
        <translation>Panggilan ulang</translation>
    </message>
    <message>
        <source>No applicant at this counter</source>
        <translation>Tidak ada pemohon di loket ini</translation>
    </message>
    <message>
        <source>Being served</source>
        <translation>Sedang dilayani</translation>
    </message>
    <message>
        <source>Called: waiting to come</source>
        <translation>Dipanggil: menunggu pemohon datang</translation>
    </message>
    <message>
        <source>not recalled yet</source>
        <translation>belum dipanggil ulang</translation>
    </message>
    <message>
        <source>Database unreachable — reconnecting…  Your work resumes by itself once the connection is back; then check that your last step was saved before repeating it.</source>
        <translation>Basis data tidak terjangkau — menyambung ulang…  Pekerjaan Anda berlanjut sendiri setelah sambungan pulih; lalu periksa apakah langkah terakhir Anda tersimpan sebelum mengulanginya.</translation>
    </message>
    <message>
        <source>supervising</source>
        <translation>mengawasi</translation>
    </message>
    <message>
        <source>F12   Lock</source>
        <translation>F12   Kunci</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Keluar</translation>
    </message>
    <message>
        <source>Loket console — {office}</source>
        <translation>Konsol Loket — {office}</translation>
    </message>
    <message>
        <source>Locked. {name}, enter your password to continue (or another officer may log in).</source>
        <translation>Terkunci. {name}, masukkan kata sandi untuk melanjutkan (atau petugas lain dapat masuk).</translation>
    </message>
    <message>
        <source>The queue database is reachable again.</source>
        <translation>Basis data antrean dapat dijangkau lagi.</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Dasbor</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Perangkat</translation>
    </message>
    <message>
        <source>Quotas</source>
        <translation>Kuota</translation>
    </message>
    <message>
        <source>Tickets</source>
        <translation>Tiket</translation>
    </message>
    <message>
        <source>Import bookings</source>
        <translation>Impor booking</translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation>Masukan</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Laporan</translation>
    </message>
    <message>
        <source>Bookings</source>
        <translation>Booking</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Log audit</translation>
    </message>
    <message>
        <source>Officers</source>
        <translation>Petugas</translation>
    </message>
    <message>
        <source>officer</source>
        <translation>petugas</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>supervisor</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>administrator</translation>
    </message>
    <message>
        <source>1 record</source>
        <translation>1 catatan</translation>
    </message>
    <message>
        <source>90 % waited at most</source>
        <translation>90 % menunggu paling lama</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Tindakan</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktif</translation>
    </message>
    <message>
        <source>Actor</source>
        <translation>Pelaku</translation>
    </message>
    <message>
        <source>Add an officer</source>
        <translation>Tambah petugas</translation>
    </message>
    <message>
        <source>Add officer</source>
        <translation>Tambahkan petugas</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Peringatan</translation>
    </message>
    <message>
        <source>All complaints</source>
        <translation>Semua pengaduan</translation>
    </message>
    <message>
        <source>All days</source>
        <translation>Semua hari</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Sudah dijawab</translation>
    </message>
    <message>
        <source>Answered by</source>
        <translation>Dijawab oleh</translation>
    </message>
    <message>
        <source>Any action</source>
        <translation>Semua tindakan</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>Semua pelaku</translation>
    </message>
    <message>
        <source>Apr</source>
        <translation>Apr</translation>
    </message>
    <message>
        <source>April</source>
        <translation>April</translation>
    </message>
    <message>
        <source>Arrivals per hour</source>
        <translation>Kedatangan per jam</translation>
    </message>
    <message>
        <source>At the counter</source>
        <translation>Di loket</translation>
    </message>
    <message>
        <source>Aug</source>
        <translation>Agu</translation>
    </message>
    <message>
        <source>August</source>
        <translation>Agustus</translation>
    </message>
    <message>
        <source>Average wait</source>
        <translation>Rata-rata waktu tunggu</translation>
    </message>
    <message>
        <source>Avg service</source>
        <translation>Rata-rata layanan</translation>
    </message>
    <message>
        <source>Avg wait</source>
        <translation>Rata-rata tunggu</translation>
    </message>
    <message>
        <source>backup copy failed: {error}</source>
        <translation>penyalinan cadangan gagal: {error}</translation>
    </message>
    <message>
        <source>Backups: none recorded yet (loket-db backup; see the deployment guide).</source>
        <translation>Cadangan: belum ada yang tercatat (loket-db backup; lihat panduan pemasangan).</translation>
    </message>
    <message>
        <source>Behaviour</source>
        <translation>Perilaku petugas</translation>
    </message>
    <message>
        <source>being served</source>
        <translation>sedang dilayani</translation>
    </message>
    <message>
        <source>booked</source>
        <translation>terdaftar</translation>
    </message>
    <message>
        <source>Booking app unreachable</source>
        <translation>Aplikasi booking tidak dapat diakses</translation>
    </message>
    <message>
        <source>Booking code or part of the name</source>
        <translation>Kode booking atau sebagian nama</translation>
    </message>
    <message>
        <source>Booking export</source>
        <translation>Ekspor booking</translation>
    </message>
    <message>
        <source>Booking exports (*.csv *.json);;All files (*)</source>
        <translation>Ekspor booking (*.csv *.json);;Semua berkas (*)</translation>
    </message>
    <message>
        <source>By service and channel</source>
        <translation>Per layanan dan jalur</translation>
    </message>
    <message>
        <source>called</source>
        <translation>dipanggil</translation>
    </message>
    <message>
        <source>Cancel ticket</source>
        <translation>Batalkan tiket</translation>
    </message>
    <message>
        <source>Cancel ticket…</source>
        <translation>Batalkan tiket…</translation>
    </message>
    <message>
        <source>Cancel {number}</source>
        <translation>Batalkan {number}</translation>
    </message>
    <message>
        <source>Cancel {number}: why?</source>
        <translation>Batalkan {number}: apa alasannya?</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>dibatalkan</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Dibatalkan</translation>
    </message>
    <message>
        <source>Cannot read {file}: {error}.</source>
        <translation>Tidak dapat membaca {file}: {error}.</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategori</translation>
    </message>
    <message>
        <source>Change a quota for today</source>
        <translation>Ubah kuota untuk hari ini</translation>
    </message>
    <message>
        <source>Change role</source>
        <translation>Ubah peran</translation>
    </message>
    <message>
        <source>Check-in</source>
        <translation>Check-in</translation>
    </message>
    <message>
        <source>checked in {time}</source>
        <translation>check-in {time}</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>Pilih berkas…</translation>
    </message>
    <message>
        <source>Choose the counter you are working at.</source>
        <translation>Pilih loket tempat Anda bertugas.</translation>
    </message>
    <message>
        <source>Choose the export file first.</source>
        <translation>Pilih berkas ekspor terlebih dahulu.</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>tutup</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Kode</translation>
    </message>
    <message>
        <source>Competence</source>
        <translation>Kompetensi petugas</translation>
    </message>
    <message>
        <source>Complaint handling</source>
        <translation>Penanganan pengaduan</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>Pengaduan</translation>
    </message>
    <message>
        <source>Complaints by month</source>
        <translation>Pengaduan per bulan</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Kontak</translation>
    </message>
    <message>
        <source>Cost / fee</source>
        <translation>Biaya / tarif</translation>
    </message>
    <message>
        <source>Counters</source>
        <translation>Loket</translation>
    </message>
    <message>
        <source>Counters open</source>
        <translation>Loket buka</translation>
    </message>
    <message>
        <source>Cover</source>
        <translation>Penutup</translation>
    </message>
    <message>
        <source>cover closed</source>
        <translation>penutup tertutup</translation>
    </message>
    <message>
        <source>cover open</source>
        <translation>penutup terbuka</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Berkas CSV (*.csv)</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Hari</translation>
    </message>
    <message>
        <source>Day report {date}</source>
        <translation>Laporan harian {date}</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>Nonaktifkan</translation>
    </message>
    <message>
        <source>deactivated</source>
        <translation>nonaktif</translation>
    </message>
    <message>
        <source>Dec</source>
        <translation>Des</translation>
    </message>
    <message>
        <source>December</source>
        <translation>Desember</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Rincian</translation>
    </message>
    <message>
        <source>done</source>
        <translation>selesai</translation>
    </message>
    <message>
        <source>E-mail / account verification failed</source>
        <translation>Verifikasi e-mail / akun gagal</translation>
    </message>
    <message>
        <source>Element</source>
        <translation>Unsur</translation>
    </message>
    <message>
        <source>Enter your username and password.</source>
        <translation>Masukkan nama pengguna dan kata sandi Anda.</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>Ekspor CSV</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Ekspor CSV…</translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation>Ekspor PDF</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>Ekspor PDF…</translation>
    </message>
    <message>
        <source>Export year CSV…</source>
        <translation>Ekspor CSV setahun…</translation>
    </message>
    <message>
        <source>Facilities</source>
        <translation>Sarana dan prasarana</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>gagal</translation>
    </message>
    <message>
        <source>Feb</source>
        <translation>Feb</translation>
    </message>
    <message>
        <source>February</source>
        <translation>Februari</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Angka</translation>
    </message>
    <message>
        <source>File to import</source>
        <translation>Berkas yang diimpor</translation>
    </message>
    <message>
        <source>Filed</source>
        <translation>Diajukan</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>Jumat</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Nama lengkap</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>Mutu</translation>
    </message>
    <message>
        <source>Hour</source>
        <translation>Jam</translation>
    </message>
    <message>
        <source>IKM = mean of the nine element means × 25 (Permenpan RB 14/2017). A 88.31–100 very good · B 76.61–88.30 good · C 65.00–76.60 not good · D 25.00–64.99 poor.</source>
        <translation>IKM = rata-rata nilai kesembilan unsur × 25 (Permenpan RB 14/2017). A 88.31–100 sangat baik · B 76.61–88.30 baik · C 65.00–76.60 kurang baik · D 25.00–64.99 tidak baik.</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Impor</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>Sedang ditangani</translation>
    </message>
    <message>
        <source>Index (25–100)</source>
        <translation>Indeks (25–100)</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Diambil</translation>
    </message>
    <message>
        <source>Jan</source>
        <translation>Jan</translation>
    </message>
    <message>
        <source>January</source>
        <translation>Januari</translation>
    </message>
    <message>
        <source>Jul</source>
        <translation>Jul</translation>
    </message>
    <message>
        <source>July</source>
        <translation>Juli</translation>
    </message>
    <message>
        <source>Jun</source>
        <translation>Jun</translation>
    </message>
    <message>
        <source>June</source>
        <translation>Juni</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>Kios</translation>
    </message>
    <message>
        <source>Kiosk (default: the issuing kiosk)</source>
        <translation>Kios (bawaan: kios yang menerbitkan tiket)</translation>
    </message>
    <message>
        <source>Kiosks and their printers</source>
        <translation>Kios dan printernya</translation>
    </message>
    <message>
        <source>last backup {n} hours ago</source>
        <translation>cadangan terakhir {n} jam yang lalu</translation>
    </message>
    <message>
        <source>Last backup: {time}, {file} ({size}), copied to {copy}.</source>
        <translation>Cadangan terakhir: {time}, {file} ({size}), disalin ke {copy}.</translation>
    </message>
    <message>
        <source>Last backup: {time}, {file} ({size}).</source>
        <translation>Cadangan terakhir: {time}, {file} ({size}).</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Terakhir aktif</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Sisa</translation>
    </message>
    <message>
        <source>line {n}: {reason}</source>
        <translation>baris {n}: {reason}</translation>
    </message>
    <message>
        <source>locked until {time}</source>
        <translation>terkunci sampai {time}</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Masuk</translation>
    </message>
    <message>
        <source>Loket console</source>
        <translation>Konsol Loket</translation>
    </message>
    <message>
        <source>Mar</source>
        <translation>Mar</translation>
    </message>
    <message>
        <source>March</source>
        <translation>Maret</translation>
    </message>
    <message>
        <source>Mark in progress</source>
        <translation>Tandai sedang ditangani</translation>
    </message>
    <message>
        <source>May</source>
        <translation>Mei</translation>
    </message>
    <message>
        <source>Mean (1–4)</source>
        <translation>Rata-rata (1–4)</translation>
    </message>
    <message>
        <source>Monday</source>
        <translation>Senin</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Bulan</translation>
    </message>
    <message>
        <source>Month report {month} {year}</source>
        <translation>Laporan bulanan {month} {year}</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>nearly out</source>
        <translation>hampir habis</translation>
    </message>
    <message>
        <source>Needs attention — {alerts}</source>
        <translation>Perlu ditangani — {alerts}</translation>
    </message>
    <message>
        <source>Needs attention: {alerts}.</source>
        <translation>Perlu ditangani: {alerts}.</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Baru</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Kata sandi baru</translation>
    </message>
    <message>
        <source>no backup recorded</source>
        <translation>belum ada cadangan yang tercatat</translation>
    </message>
    <message>
        <source>No counter is set up for you; ask a supervisor.</source>
        <translation>Belum ada loket yang diatur untuk Anda; hubungi supervisor.</translation>
    </message>
    <message>
        <source>No counter: supervise only</source>
        <translation>Tanpa loket: hanya mengawasi</translation>
    </message>
    <message>
        <source>No kiosk has reported yet.</source>
        <translation>Belum ada kios yang melapor.</translation>
    </message>
    <message>
        <source>no printer</source>
        <translation>tanpa printer</translation>
    </message>
    <message>
        <source>No smartphone</source>
        <translation>Tidak punya ponsel pintar</translation>
    </message>
    <message>
        <source>no-show</source>
        <translation>tidak hadir</translation>
    </message>
    <message>
        <source>No-shows</source>
        <translation>Tidak hadir</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>belum</translation>
    </message>
    <message>
        <source>Nov</source>
        <translation>Nov</translation>
    </message>
    <message>
        <source>November</source>
        <translation>November</translation>
    </message>
    <message>
        <source>Number, e.g. A-023</source>
        <translation>Nomor, mis. A-023</translation>
    </message>
    <message>
        <source>Oct</source>
        <translation>Okt</translation>
    </message>
    <message>
        <source>October</source>
        <translation>Oktober</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>Petugas</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>tidak terhubung</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>cukup</translation>
    </message>
    <message>
        <source>online</source>
        <translation>terhubung</translation>
    </message>
    <message>
        <source>open</source>
        <translation>buka</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Lainnya</translation>
    </message>
    <message>
        <source>OUT</source>
        <translation>HABIS</translation>
    </message>
    <message>
        <source>out of paper</source>
        <translation>kertas habis</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>Kertas</translation>
    </message>
    <message>
        <source>paper nearly out</source>
        <translation>kertas hampir habis</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Kata sandi</translation>
    </message>
    <message>
        <source>Password (at least 8 characters)</source>
        <translation>Kata sandi (minimal 8 karakter)</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>istirahat</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Berkas PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Per counter</source>
        <translation>Per loket</translation>
    </message>
    <message>
        <source>Per officer</source>
        <translation>Per petugas</translation>
    </message>
    <message>
        <source>Phone not supported</source>
        <translation>Ponsel tidak didukung</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Cetak</translation>
    </message>
    <message>
        <source>printed</source>
        <translation>tercetak</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>Printer</translation>
    </message>
    <message>
        <source>printer cover open</source>
        <translation>penutup printer terbuka</translation>
    </message>
    <message>
        <source>printer offline</source>
        <translation>printer tidak terhubung</translation>
    </message>
    <message>
        <source>printing</source>
        <translation>sedang dicetak</translation>
    </message>
    <message>
        <source>Problem in this office</source>
        <translation>Masalah di kantor ini</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Prosedur</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Produk layanan</translation>
    </message>
    <message>
        <source>Quota</source>
        <translation>Kuota</translation>
    </message>
    <message>
        <source>Quota full when booking</source>
        <translation>Kuota penuh saat booking</translation>
    </message>
    <message>
        <source>Quota set to {n} for today.</source>
        <translation>Kuota hari ini diubah menjadi {n}.</translation>
    </message>
    <message>
        <source>Quota use</source>
        <translation>Pemakaian kuota</translation>
    </message>
    <message>
        <source>Quota use %</source>
        <translation>Pemakaian kuota %</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation>Aktifkan kembali</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>Tanda terima</translation>
    </message>
    <message>
        <source>Reprint</source>
        <translation>Cetak ulang</translation>
    </message>
    <message>
        <source>Reprint of {number} sent to {kiosk}.</source>
        <translation>Cetak ulang {number} dikirim ke {kiosk}.</translation>
    </message>
    <message>
        <source>Requirements</source>
        <translation>Persyaratan</translation>
    </message>
    <message>
        <source>rescheduled</source>
        <translation>dijadwalkan ulang</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>Atur ulang kata sandi</translation>
    </message>
    <message>
        <source>Respondents</source>
        <translation>Responden</translation>
    </message>
    <message>
        <source>Response note (what the office did or answered)</source>
        <translation>Catatan tanggapan (tindakan atau jawaban kantor)</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Peran</translation>
    </message>
    <message>
        <source>Satisfaction index (IKM)</source>
        <translation>Indeks kepuasan (IKM)</translation>
    </message>
    <message>
        <source>Satisfaction survey</source>
        <translation>Survei kepuasan</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>Sabtu</translation>
    </message>
    <message>
        <source>Save answer</source>
        <translation>Simpan jawaban</translation>
    </message>
    <message>
        <source>Saved {path}.</source>
        <translation>{path} tersimpan.</translation>
    </message>
    <message>
        <source>Scanner</source>
        <translation>Pemindai</translation>
    </message>
    <message>
        <source>Select a complaint first.</source>
        <translation>Pilih pengaduan terlebih dahulu.</translation>
    </message>
    <message>
        <source>Select a ticket first.</source>
        <translation>Pilih tiket terlebih dahulu.</translation>
    </message>
    <message>
        <source>Select an officer first.</source>
        <translation>Pilih petugas terlebih dahulu.</translation>
    </message>
    <message>
        <source>Select an officer in the list to change them.</source>
        <translation>Pilih petugas dalam daftar untuk mengubah datanya.</translation>
    </message>
    <message>
        <source>Select an officer in the list.</source>
        <translation>Pilih petugas dalam daftar.</translation>
    </message>
    <message>
        <source>Selected officer</source>
        <translation>Petugas yang dipilih</translation>
    </message>
    <message>
        <source>Sep</source>
        <translation>Sep</translation>
    </message>
    <message>
        <source>September</source>
        <translation>September</translation>
    </message>
    <message>
        <source>Served</source>
        <translation>Dilayani</translation>
    </message>
    <message>
        <source>Served per counter</source>
        <translation>Dilayani per loket</translation>
    </message>
    <message>
        <source>Served today</source>
        <translation>Dilayani hari ini</translation>
    </message>
    <message>
        <source>Service mean (min)</source>
        <translation>Rata-rata layanan (mnt)</translation>
    </message>
    <message>
        <source>Service p90 (min)</source>
        <translation>Layanan p90 (mnt)</translation>
    </message>
    <message>
        <source>Service quality</source>
        <translation>Mutu pelayanan</translation>
    </message>
    <message>
        <source>Service time</source>
        <translation>Waktu pelayanan</translation>
    </message>
    <message>
        <source>Set today's quota</source>
        <translation>Atur kuota hari ini</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Persentase</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Tampilkan</translation>
    </message>
    <message>
        <source>settings name another database: {database}</source>
        <translation>pengaturan menyebut basis data lain: {database}</translation>
    </message>
    <message>
        <source>settings of another office: {office}</source>
        <translation>pengaturan kantor lain: {office}</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Perangkat</translation>
    </message>
    <message>
        <source>Office and database</source>
        <translation>Kantor dan basis data</translation>
    </message>
    <message>
        <source>Loket {version} · office {office} · {database}</source>
        <translation>Loket {version} · kantor {office} · {database}</translation>
    </message>
    <message>
        <source>silent for {n} min</source>
        <translation>tidak melapor selama {n} mnt</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Sejak</translation>
    </message>
    <message>
        <source>Slot</source>
        <translation>Jadwal</translation>
    </message>
    <message>
        <source>Something went wrong ({error}); the details were logged.</source>
        <translation>Terjadi kesalahan ({error}); rinciannya sudah dicatat di log.</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Keadaan</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>Minggu</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Sasaran</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Isi</translation>
    </message>
    <message>
        <source>The central booking system's daily export (CSV or JSON). Importing the same file again changes nothing.</source>
        <translation>Ekspor harian dari sistem booking pusat (CSV atau JSON). Mengimpor berkas yang sama sekali lagi tidak mengubah apa pun.</translation>
    </message>
    <message>
        <source>The queue database cannot be reached; reconnecting. Once it is back, check whether this step was saved before repeating it.</source>
        <translation>Basis data antrean tidak dapat dijangkau; sedang menyambung ulang. Setelah pulih, periksa apakah langkah ini tersimpan sebelum mengulanginya.</translation>
    </message>
    <message>
        <source>The queue database is busy; please try again in a moment.</source>
        <translation>Basis data antrean sedang sibuk; silakan coba lagi sebentar lagi.</translation>
    </message>
    <message>
        <source>The report is not ready yet.</source>
        <translation>Laporan belum siap.</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>Kamis</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Tiket</translation>
    </message>
    <message>
        <source>Tickets issued</source>
        <translation>Tiket diambil</translation>
    </message>
    <message>
        <source>Tickets per service</source>
        <translation>Tiket per layanan</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Waktu</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hari ini</translation>
    </message>
    <message>
        <source>Today's quotas</source>
        <translation>Kuota hari ini</translation>
    </message>
    <message>
        <source>Today's tickets</source>
        <translation>Tiket hari ini</translation>
    </message>
    <message>
        <source>Today, {day} — as of {time}</source>
        <translation>Hari ini, {day} — pukul {time}</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Jumlah</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>Selasa</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>tidak diketahui</translation>
    </message>
    <message>
        <source>unlimited</source>
        <translation>tanpa batas</translation>
    </message>
    <message>
        <source>Use %</source>
        <translation>Pemakaian %</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Nama pengguna</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Nilai</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>menunggu</translation>
    </message>
    <message>
        <source>Waiting now</source>
        <translation>Sedang menunggu</translation>
    </message>
    <message>
        <source>Waiting per service</source>
        <translation>Menunggu per layanan</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>Rabu</translation>
    </message>
    <message>
        <source>Welcome, {name}</source>
        <translation>Selamat datang, {name}</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Tahun</translation>
    </message>
    <message>
        <source>{caption} · p90 {minutes} min</source>
        <translation>{caption} · p90 {minutes} mnt</translation>
    </message>
    <message>
        <source>{file}: {imported} imported, {updated} updated, {unchanged} unchanged, {rejected} rejected</source>
        <translation>{file}: {imported} diimpor, {updated} diperbarui, {unchanged} tidak berubah, {rejected} ditolak</translation>
    </message>
    <message>
        <source>{name} ({username}) can now log in as {role}.</source>
        <translation>{name} ({username}) sekarang dapat masuk sebagai {role}.</translation>
    </message>
    <message>
        <source>{number} cancelled.</source>
        <translation>{number} dibatalkan.</translation>
    </message>
    <message>
        <source>{n} bookings · {done} checked in</source>
        <translation>{n} booking · {done} sudah check-in</translation>
    </message>
    <message>
        <source>{n} records</source>
        <translation>{n} catatan</translation>
    </message>
    <message>
        <source>{n} records (the newest shown; narrow the filter)</source>
        <translation>{n} catatan (yang terbaru ditampilkan; persempit saringan)</translation>
    </message>
    <message>
        <source>{n} services</source>
        <translation>{n} layanan</translation>
    </message>
    <message>
        <source>{receipt}: answered.</source>
        <translation>{receipt}: sudah dijawab.</translation>
    </message>
    <message>
        <source>{receipt}: in progress.</source>
        <translation>{receipt}: sedang ditangani.</translation>
    </message>
    <message>
        <source>{receipt}: new.</source>
        <translation>{receipt}: baru.</translation>
    </message>
    <message>
        <source>{time} ({minutes} ago)</source>
        <translation>{time} ({minutes} yang lalu)</translation>
    </message>
    <message>
        <source>{username} has a new password (and is no longer locked).</source>
        <translation>{username} sudah memiliki kata sandi baru (dan tidak lagi terkunci).</translation>
    </message>
    <message>
        <source>{username} is active again.</source>
        <translation>{username} aktif kembali.</translation>
    </message>
    <message>
        <source>{username} is deactivated.</source>
        <translation>{username} dinonaktifkan.</translation>
    </message>
    <message>
        <source>{username} is now {role}.</source>
        <translation>{username} sekarang menjadi {role}.</translation>
    </message>
    <message>
        <source>✓ The audit log is intact: all {n} records follow each other unchanged.</source>
        <translation>✓ Log audit utuh: seluruh {n} catatan berurutan tanpa perubahan.</translation>
    </message>
    <message>
        <source>✗ The audit log was tampered with: {problem}.</source>
        <translation>✗ Log audit telah diubah tanpa izin: {problem}.</translation>
    </message>
    <message>
        <source>Expected call</source>
        <translation>Perkiraan dipanggil</translation>
    </message>
    <message>
        <source>{time} ({low}-{high})</source>
        <translation>{time} ({low}-{high})</translation>
    </message>
    <message>
        <source>A service</source>
        <translation>Layanan</translation>
    </message>
    <message>
        <source>A counter</source>
        <translation>Loket</translation>
    </message>
    <message>
        <source>An officer</source>
        <translation>Petugas</translation>
    </message>
    <message>
        <source>Same service ({service})</source>
        <translation>Layanan tetap ({service})</translation>
    </message>
    <message>
        <source>No open counter serves this service</source>
        <translation>Tidak ada loket buka yang melayani layanan ini</translation>
    </message>
    <message>
        <source>No officer at a counter serves this service</source>
        <translation>Tidak ada petugas di loket yang melayani layanan ini</translation>
    </message>
    <message>
        <source>{officer} at {counter}</source>
        <translation>{officer} di {counter}</translation>
    </message>
    <message>
        <source>Only the chosen counter will call {number}.</source>
        <translation>Hanya loket yang dipilih yang akan memanggil {number}.</translation>
    </message>
    <message>
        <source>{number} goes to the counter this officer is signed in at; only that counter will call it.</source>
        <translation>{number} dikirim ke loket tempat petugas ini bertugas; hanya loket itu yang akan memanggilnya.</translation>
    </message>
    <message>
        <source>{number} sent to {counter} ({service}), {where}.</source>
        <translation>{number} dikirim ke {counter} ({service}), {where}.</translation>
    </message>
    <message>
        <source>{number}  · sent here</source>
        <translation>{number}  · dikirim ke sini</translation>
    </message>
    <message>
        <source>Transfers</source>
        <translation>Pemindahan</translation>
    </message>
    <message>
        <source>Transferred to</source>
        <translation>Dipindahkan ke</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>Hari dan layanan</translation>
    </message>
    <message>
        <source>Today and the next 14 days</source>
        <translation>Hari ini dan 14 hari berikutnya</translation>
    </message>
    <message>
        <source>Changes take effect at once on the kiosks, the counters and the estimates. The settings file stays the default: a day without changes follows it.</source>
        <translation>Perubahan langsung berlaku di kios, loket, dan perkiraan waktu tunggu. Berkas pengaturan tetap menjadi bawaan: hari tanpa perubahan mengikutinya.</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>Kantor</translation>
    </message>
    <message>
        <source>Services closed</source>
        <translation>Layanan ditutup</translation>
    </message>
    <message>
        <source>Counters' services</source>
        <translation>Layanan loket</translation>
    </message>
    <message>
        <source>Changed by</source>
        <translation>Diubah oleh</translation>
    </message>
    <message>
        <source>Why the office is closed (shown on the kiosk)</source>
        <translation>Alasan kantor tutup (ditampilkan di kios)</translation>
    </message>
    <message>
        <source>Close the office on this day</source>
        <translation>Tutup kantor pada hari ini</translation>
    </message>
    <message>
        <source>Reopen this day</source>
        <translation>Buka kembali hari ini</translation>
    </message>
    <message>
        <source>Close for the rest of today</source>
        <translation>Tutup untuk sisa hari ini</translation>
    </message>
    <message>
        <source>Reopen the service</source>
        <translation>Buka kembali layanan</translation>
    </message>
    <message>
        <source>Set today's services</source>
        <translation>Atur layanan hari ini</translation>
    </message>
    <message>
        <source>Today only</source>
        <translation>Khusus hari ini</translation>
    </message>
    <message>
        <source>{day} (today)</source>
        <translation>{day} (hari ini)</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ya</translation>
    </message>
    <message>
        <source>no</source>
        <translation>tidak</translation>
    </message>
    <message>
        <source>{value} (changed)</source>
        <translation>{value} (diubah)</translation>
    </message>
    <message>
        <source>as configured</source>
        <translation>sesuai pengaturan</translation>
    </message>
    <message>
        <source>{who}, {when}</source>
        <translation>{who}, {when}</translation>
    </message>
    <message>
        <source>open {open}-{close}</source>
        <translation>buka {open}-{close}</translation>
    </message>
    <message>
        <source>closed: {reason}</source>
        <translation>tutup: {reason}</translation>
    </message>
    <message>
        <source>closed (settings file)</source>
        <translation>tutup (berkas pengaturan)</translation>
    </message>
    <message>
        <source>closed: {holiday}</source>
        <translation>tutup: {holiday}</translation>
    </message>
    <message>
        <source>closed (no opening hours)</source>
        <translation>tutup (tidak ada jam buka)</translation>
    </message>
    <message>
        <source>Selected day: {day}</source>
        <translation>Hari terpilih: {day}</translation>
    </message>
    <message>
        <source>Select a day</source>
        <translation>Pilih satu hari</translation>
    </message>
    <message>
        <source>No walk-in on this day</source>
        <translation>Tanpa pendaftaran langsung hari ini</translation>
    </message>
    <message>
        <source>Make it a walk-in day</source>
        <translation>Jadikan hari pendaftaran langsung</translation>
    </message>
    <message>
        <source>Changed for today.</source>
        <translation>Diubah untuk hari ini.</translation>
    </message>
    <message>
        <source>As configured in the settings file.</source>
        <translation>Sesuai berkas pengaturan.</translation>
    </message>
    <message>
        <source>{day} is a walk-in day.</source>
        <translation>{day} adalah hari pendaftaran langsung.</translation>
    </message>
    <message>
        <source>No walk-in on {day}.</source>
        <translation>Tidak ada pendaftaran langsung pada {day}.</translation>
    </message>
    <message>
        <source>Say why the office is closed: the kiosk shows it.</source>
        <translation>Tuliskan alasan kantor tutup: kios menampilkannya.</translation>
    </message>
    <message>
        <source>The office is closed on {day}.</source>
        <translation>Kantor tutup pada {day}.</translation>
    </message>
    <message>
        <source>{day} follows the settings again.</source>
        <translation>{day} kembali mengikuti pengaturan.</translation>
    </message>
    <message>
        <source>{service} is closed for the rest of today.</source>
        <translation>{service} ditutup untuk sisa hari ini.</translation>
    </message>
    <message>
        <source>{service} is open again.</source>
        <translation>{service} dibuka kembali.</translation>
    </message>
    <message>
        <source>{counter} calls its chosen services today.</source>
        <translation>{counter} memanggil layanan yang dipilih hari ini.</translation>
    </message>
    <message>
        <source>{name} ({role}) may not {operation}; this needs {who}</source>
        <translation>{name} ({role}) tidak berwenang untuk {operation}; tindakan ini memerlukan {who}</translation>
    </message>
    <message>
        <source>{name}'s account is deactivated; ask an administrator.</source>
        <translation>Akun {name} dinonaktifkan; hubungi administrator.</translation>
    </message>
    <message>
        <source>{name} is now {role} (not {was}); log in again.</source>
        <translation>{name} sekarang berperan sebagai {role} (bukan {was}); silakan masuk lagi.</translation>
    </message>
    <message>
        <source>{name}: this account no longer exists; log in again.</source>
        <translation>{name}: akun ini sudah tidak ada; silakan masuk lagi.</translation>
    </message>
    <message>
        <source>{name} is not an officer of this office: an administrator must log in with an account.</source>
        <translation>{name} bukan petugas kantor ini: administrator harus masuk dengan akun.</translation>
    </message>
    <message>
        <source>The code is too long ({length} &gt; {limit}).</source>
        <translation>Kode terlalu panjang ({length} &gt; {limit}).</translation>
    </message>
    <message>
        <source>This is not a booking QR code we can read.</source>
        <translation>Ini bukan kode QR booking yang dapat kami baca.</translation>
    </message>
    <message>
        <source>Booking QR version {version} is not supported.</source>
        <translation>Kode QR booking versi {version} tidak didukung.</translation>
    </message>
    <message>
        <source>The booking QR code is damaged (bad encoding).</source>
        <translation>Kode QR booking rusak (pengodean tidak valid).</translation>
    </message>
    <message>
        <source>The booking QR code is damaged (no key id).</source>
        <translation>Kode QR booking rusak (tanpa ID kunci).</translation>
    </message>
    <message>
        <source>The booking QR code is signed with key {key_id}, not known here.</source>
        <translation>Kode QR booking ditandatangani dengan kunci {key_id}, yang tidak dikenal di sini.</translation>
    </message>
    <message>
        <source>The booking QR code's signature does not match its content.</source>
        <translation>Tanda tangan kode QR booking tidak cocok dengan isinya.</translation>
    </message>
    <message>
        <source>The booking QR code for {code} expired at {time} UTC.</source>
        <translation>Kode QR booking untuk {code} sudah kedaluwarsa pada {time} UTC.</translation>
    </message>
    <message>
        <source>The booking QR code is signed but invalid: {problem}.</source>
        <translation>Kode QR booking bertanda tangan tetapi tidak valid: {problem}.</translation>
    </message>
    <message>
        <source>{service} does not take walk-in applicants.</source>
        <translation>{service} tidak menerima pemohon pendaftaran langsung.</translation>
    </message>
    <message>
        <source>Today's quota for failed online bookings ({quota}) is used up.</source>
        <translation>Kuota hari ini untuk booking online yang gagal ({quota}) sudah habis.</translation>
    </message>
    <message>
        <source>{number} can be marked as no-show after {time} more, or by a supervisor with a reason.</source>
        <translation>{number} baru dapat dicatat tidak hadir setelah {time} lagi, atau oleh supervisor dengan alasan.</translation>
    </message>
    <message>
        <source>{number} can be marked as no-show after {recalls} more recall, or by a supervisor with a reason.</source>
        <translation>{number} baru dapat dicatat tidak hadir setelah {recalls} panggilan ulang lagi, atau oleh supervisor dengan alasan.</translation>
    </message>
    <message>
        <source>{number} can be marked as no-show after {recalls} more recalls, or by a supervisor with a reason.</source>
        <translation>{number} baru dapat dicatat tidak hadir setelah {recalls} panggilan ulang lagi, atau oleh supervisor dengan alasan.</translation>
    </message>
    <message>
        <source>{number} can be marked as no-show after {time} more and {recalls} more recall, or by a supervisor with a reason.</source>
        <translation>{number} baru dapat dicatat tidak hadir setelah {time} lagi dan {recalls} panggilan ulang lagi, atau oleh supervisor dengan alasan.</translation>
    </message>
    <message>
        <source>{number} can be marked as no-show after {time} more and {recalls} more recalls, or by a supervisor with a reason.</source>
        <translation>{number} baru dapat dicatat tidak hadir setelah {time} lagi dan {recalls} panggilan ulang lagi, atau oleh supervisor dengan alasan.</translation>
    </message>
    <message>
        <source>Only a supervisor may mark {number} as no-show before {seconds} s and {recalls} recall(s).</source>
        <translation>Hanya supervisor yang dapat mencatat {number} tidak hadir sebelum {seconds} detik dan {recalls} panggilan ulang.</translation>
    </message>
    <message>
        <source>{number} is at no counter, not at counter {counter}.</source>
        <translation>{number} tidak berada di loket mana pun, bukan di loket {counter}.</translation>
    </message>
    <message>
        <source>{number} is at counter {at}, not at counter {counter}.</source>
        <translation>{number} berada di loket {at}, bukan di loket {counter}.</translation>
    </message>
    <message>
        <source>{number} is still {status} at counter {counter}.</source>
        <translation>{number} masih berstatus {status} di loket {counter}.</translation>
    </message>
    <message>
        <source>{number} is still {status} at counter {counter}: complete it or mark it no-show first.</source>
        <translation>{number} masih berstatus {status} di loket {counter}: selesaikan dulu atau catat tidak hadir.</translation>
    </message>
    <message>
        <source>No ticket {ref} today.</source>
        <translation>Tidak ada tiket {ref} hari ini.</translation>
    </message>
    <message>
        <source>{number} is from {day}; tickets of an earlier day can no longer be called or changed.</source>
        <translation>{number} adalah tiket tanggal {day}; tiket hari sebelumnya tidak dapat dipanggil atau diubah lagi.</translation>
    </message>
    <message>
        <source>Nobody is waiting for counter {counter}.</source>
        <translation>Tidak ada yang menunggu untuk loket {counter}.</translation>
    </message>
    <message>
        <source>Calling out of order needs a reason.</source>
        <translation>Memanggil di luar urutan memerlukan alasan.</translation>
    </message>
    <message>
        <source>Cannot call {number}: it is {status}.</source>
        <translation>{number} tidak dapat dipanggil: statusnya {status}.</translation>
    </message>
    <message>
        <source>Counter {counter} does not serve {number}'s service today.</source>
        <translation>Loket {counter} tidak melayani layanan {number} hari ini.</translation>
    </message>
    <message>
        <source>{number} was sent to counter {sent_to}: only that counter calls it.</source>
        <translation>{number} dikirim ke loket {sent_to}: hanya loket itu yang memanggilnya.</translation>
    </message>
    <message>
        <source>{number} was just called at another counter.</source>
        <translation>{number} baru saja dipanggil di loket lain.</translation>
    </message>
    <message>
        <source>Cannot recall {number}: it is {status}.</source>
        <translation>{number} tidak dapat dipanggil ulang: statusnya {status}.</translation>
    </message>
    <message>
        <source>Cannot start serving {number}: it is {status}.</source>
        <translation>Layanan untuk {number} tidak dapat dimulai: statusnya {status}.</translation>
    </message>
    <message>
        <source>Cannot complete {number}: it is {status}.</source>
        <translation>{number} tidak dapat diselesaikan: statusnya {status}.</translation>
    </message>
    <message>
        <source>Cannot mark as no-show {number}: it is {status}.</source>
        <translation>{number} tidak dapat dicatat tidak hadir: statusnya {status}.</translation>
    </message>
    <message>
        <source>Cannot put back in line {number}: it is {status}.</source>
        <translation>{number} tidak dapat dikembalikan ke antrean: statusnya {status}.</translation>
    </message>
    <message>
        <source>Cannot transfer {number}: it is {status}.</source>
        <translation>{number} tidak dapat dipindahkan: statusnya {status}.</translation>
    </message>
    <message>
        <source>Cannot cancel {number}: it is {status}.</source>
        <translation>{number} tidak dapat dibatalkan: statusnya {status}.</translation>
    </message>
    <message>
        <source>There is no officer {ref}.</source>
        <translation>Tidak ada petugas {ref}.</translation>
    </message>
    <message>
        <source>{name} is not signed in at a counter now: choose a counter or another officer.</source>
        <translation>{name} sedang tidak bertugas di loket mana pun: pilih loket atau petugas lain.</translation>
    </message>
    <message>
        <source>{counter_name} (counter {counter}) is closed: nobody would call the ticket there.</source>
        <translation>{counter_name} (nomor {counter}) tutup: tidak ada yang akan memanggil tiket itu di sana.</translation>
    </message>
    <message>
        <source>{counter_name} (counter {counter}) does not serve {service}.</source>
        <translation>{counter_name} (nomor {counter}) tidak melayani {service}.</translation>
    </message>
    <message>
        <source>{counter_name} (counter {counter}) does not take {channel} tickets.</source>
        <translation>{counter_name} (nomor {counter}) tidak menerima tiket {channel}.</translation>
    </message>
    <message>
        <source>Transfer to a counter or to an officer, not to both.</source>
        <translation>Pindahkan ke loket atau ke petugas, tidak ke keduanya.</translation>
    </message>
    <message>
        <source>Say where the ticket goes: a service, a counter or an officer.</source>
        <translation>Tentukan tujuan tiket: layanan, loket, atau petugas.</translation>
    </message>
    <message>
        <source>{number} is already in the {service} line.</source>
        <translation>{number} sudah berada di antrean {service}.</translation>
    </message>
    <message>
        <source>{service} does not take {channel} tickets.</source>
        <translation>{service} tidak menerima tiket {channel}.</translation>
    </message>
    <message>
        <source>{number} is already waiting for counter {counter}.</source>
        <translation>{number} sudah menunggu untuk loket {counter}.</translation>
    </message>
    <message>
        <source>Cancelling a ticket needs a reason.</source>
        <translation>Membatalkan tiket memerlukan alasan.</translation>
    </message>
    <message>
        <source>The code is too long to be a booking.</source>
        <translation>Kode ini terlalu panjang untuk kode booking.</translation>
    </message>
    <message>
        <source>This is not a booking code we can read.</source>
        <translation>Ini bukan kode booking yang dapat kami baca.</translation>
    </message>
    <message>
        <source>This office has no key for booking QR codes (settings: booking_qr.public_keys).</source>
        <translation>Kantor ini belum memiliki kunci untuk kode QR booking (pengaturan: booking_qr.public_keys).</translation>
    </message>
    <message>
        <source>Booking {code} is for another office ({office}).</source>
        <translation>Booking {code} untuk kantor lain ({office}).</translation>
    </message>
    <message>
        <source>Booking {code} is for {day}, not today.</source>
        <translation>Booking {code} untuk tanggal {day}, bukan hari ini.</translation>
    </message>
    <message>
        <source>Booking {code} is not in today's list.</source>
        <translation>Booking {code} tidak ada dalam daftar hari ini.</translation>
    </message>
    <message>
        <source>Booking {code} is already checked in: ticket {number}.</source>
        <translation>Booking {code} sudah check-in: tiket {number}.</translation>
    </message>
    <message>
        <source>Booking {code} was cancelled.</source>
        <translation>Booking {code} telah dibatalkan.</translation>
    </message>
    <message>
        <source>Booking {code} was moved to another day.</source>
        <translation>Booking {code} telah dipindahkan ke hari lain.</translation>
    </message>
    <message>
        <source>The office is closed today.</source>
        <translation>Kantor tutup hari ini.</translation>
    </message>
    <message>
        <source>The booked service ({booked_service}) is not offered at this kiosk.</source>
        <translation>Layanan yang dibooking ({booked_service}) tidak tersedia di kios ini.</translation>
    </message>
    <message>
        <source>Check-in for booking {code} opens at {time}.</source>
        <translation>Check-in untuk booking {code} dibuka pukul {time}.</translation>
    </message>
    <message>
        <source>Booking {code}'s check-in closed at {time}.</source>
        <translation>Check-in untuk booking {code} sudah ditutup pukul {time}.</translation>
    </message>
    <message>
        <source>{name} may not work at {counter_name} (counter {counter}); choose another counter or ask a supervisor.</source>
        <translation>{name} tidak dapat bertugas di {counter_name} (nomor {counter}); pilih loket lain atau hubungi supervisor.</translation>
    </message>
    <message>
        <source>Counter {counter} is paused: resume it before calling.</source>
        <translation>Loket {counter} sedang istirahat: lanjutkan dulu sebelum memanggil.</translation>
    </message>
    <message>
        <source>{number} is still at counter {counter}: finish or transfer it first.</source>
        <translation>{number} masih berada di loket {counter}: selesaikan atau pindahkan dulu.</translation>
    </message>
    <message>
        <source>{day} has passed: only today ({today}) and later days can be changed.</source>
        <translation>Tanggal {day} sudah lewat: hanya hari ini ({today}) dan hari-hari berikutnya yang dapat diubah.</translation>
    </message>
    <message>
        <source>Closing the office needs a reason (shown to applicants).</source>
        <translation>Menutup kantor memerlukan alasan (ditampilkan kepada pemohon).</translation>
    </message>
    <message>
        <source>Unknown service {code} (known: {known}).</source>
        <translation>Layanan {code} tidak dikenal (yang dikenal: {known}).</translation>
    </message>
    <message>
        <source>Counter {counter} must call at least one service.</source>
        <translation>Loket {counter} harus memanggil setidaknya satu layanan.</translation>
    </message>
    <message>
        <source>Say which service to reopen.</source>
        <translation>Tentukan layanan yang akan dibuka kembali.</translation>
    </message>
    <message>
        <source>Say which counter goes back to its configured services.</source>
        <translation>Tentukan loket yang kembali ke layanan sesuai pengaturannya.</translation>
    </message>
    <message>
        <source>Give a phone number or an e-mail address.</source>
        <translation>Isi nomor telepon atau alamat e-mail.</translation>
    </message>
    <message>
        <source>The {field} is too long ({length} &gt; {limit} characters).</source>
        <translation>Isian {field} terlalu panjang ({length} &gt; {limit} karakter).</translation>
    </message>
    <message>
        <source>Unknown complaint category {category} (known: {known}).</source>
        <translation>Kategori pengaduan {category} tidak dikenal (yang dikenal: {known}).</translation>
    </message>
    <message>
        <source>A contact is kept only with the applicant's consent.</source>
        <translation>Kontak hanya disimpan dengan persetujuan pemohon.</translation>
    </message>
    <message>
        <source>An answer needs a response note.</source>
        <translation>Jawaban memerlukan catatan tanggapan.</translation>
    </message>
    <message>
        <source>A complaint cannot be made new again.</source>
        <translation>Pengaduan tidak dapat dijadikan baru lagi.</translation>
    </message>
    <message>
        <source>This is not a ticket of this office.</source>
        <translation>Ini bukan tiket kantor ini.</translation>
    </message>
    <message>
        <source>{number} has not been served yet; the survey follows the service.</source>
        <translation>{number} belum dilayani; survei diisi setelah layanan.</translation>
    </message>
    <message>
        <source>{number} was served more than {days} days ago.</source>
        <translation>{number} dilayani lebih dari {days} hari yang lalu.</translation>
    </message>
    <message>
        <source>The survey for {number} was already given.</source>
        <translation>Survei untuk {number} sudah diisi.</translation>
    </message>
    <message>
        <source>The survey needs nine answers, each from 1 to 4.</source>
        <translation>Survei memerlukan sembilan jawaban, masing-masing dari 1 sampai 4.</translation>
    </message>
    <message>
        <source>No complaint {complaint_id}.</source>
        <translation>Tidak ada pengaduan {complaint_id}.</translation>
    </message>
    <message>
        <source>Booking tickets are made by checking in the booking.</source>
        <translation>Tiket booking dibuat melalui check-in booking.</translation>
    </message>
    <message>
        <source>{service} does not take {channel} applicants.</source>
        <translation>{service} tidak menerima pemohon {channel}.</translation>
    </message>
    <message>
        <source>Today's {channel} quota for {service} ({quota}) is used up.</source>
        <translation>Kuota {channel} hari ini untuk {service} ({quota}) sudah habis.</translation>
    </message>
    <message>
        <source>{service} has no {channel} quota to set.</source>
        <translation>{service} tidak memiliki kuota {channel} yang dapat diatur.</translation>
    </message>
    <message>
        <source>A quota cannot be negative.</source>
        <translation>Kuota tidak boleh negatif.</translation>
    </message>
    <message>
        <source>Changing a quota needs a reason.</source>
        <translation>Mengubah kuota memerlukan alasan.</translation>
    </message>
    <message>
        <source>Unknown channel {given}.</source>
        <translation>Jalur {given} tidak dikenal.</translation>
    </message>
    <message>
        <source>A priority ticket needs a reason, one of: {known}.</source>
        <translation>Tiket prioritas memerlukan alasan, salah satu dari: {known}.</translation>
    </message>
    <message>
        <source>Only priority tickets take a reason.</source>
        <translation>Hanya tiket prioritas yang memakai alasan.</translation>
    </message>
    <message>
        <source>A quota override needs a reason.</source>
        <translation>Penerbitan di luar kuota memerlukan alasan.</translation>
    </message>
    <message>
        <source>This name is locked at this PC after too many wrong passwords, until {time}. Try again then, or ask a supervisor to unlock it.</source>
        <translation>Nama ini dikunci di PC ini karena terlalu banyak kata sandi yang salah, sampai pukul {time}. Silakan coba lagi nanti, atau minta supervisor membuka kuncinya.</translation>
    </message>
    <message>
        <source>The role must be officer, supervisor or admin.</source>
        <translation>Peran harus salah satu dari: officer, supervisor, admin.</translation>
    </message>
    <message>
        <source>The password must be at least {length} characters.</source>
        <translation>Kata sandi harus terdiri dari sedikitnya {length} karakter.</translation>
    </message>
    <message>
        <source>A username is 2-64 characters: lower-case letters, digits, '.', '_' or '-', starting with a letter.</source>
        <translation>Nama pengguna terdiri dari 2-64 karakter: huruf kecil, angka, '.', '_' atau '-', diawali huruf.</translation>
    </message>
    <message>
        <source>There is no officer with id {officer_id}.</source>
        <translation>Tidak ada petugas dengan ID {officer_id}.</translation>
    </message>
    <message>
        <source>You cannot do this to {username}: {username} is the last active administrator. Make another officer an administrator first.</source>
        <translation>Tindakan ini tidak dapat dilakukan pada {username}: {username} adalah administrator aktif terakhir. Jadikan petugas lain administrator terlebih dahulu.</translation>
    </message>
    <message>
        <source>You cannot do this to yourself: {username} is the last active administrator. Make another officer an administrator first.</source>
        <translation>Tindakan ini tidak dapat Anda lakukan pada akun sendiri: {username} adalah administrator aktif terakhir. Jadikan petugas lain administrator terlebih dahulu.</translation>
    </message>
    <message>
        <source>An officer named {username} already exists.</source>
        <translation>Petugas bernama {username} sudah ada.</translation>
    </message>
    <message>
        <source>Wrong username or password.</source>
        <translation>Nama pengguna atau kata sandi salah.</translation>
    </message>
    <message>
        <source>This account is deactivated; ask an administrator.</source>
        <translation>Akun ini dinonaktifkan; hubungi administrator.</translation>
    </message>
    <message>
        <source>No print job {job_id}.</source>
        <translation>Tidak ada tugas cetak {job_id}.</translation>
    </message>
    <message>
        <source>Print job {job_id} is already {state}.</source>
        <translation>Tugas cetak {job_id} sudah berstatus {state}.</translation>
    </message>
    <message>
        <source>Unknown ticket language {language}.</source>
        <translation>Bahasa tiket {language} tidak dikenal.</translation>
    </message>
    <message>
        <source>Unknown print progress {progress}.</source>
        <translation>Kemajuan cetak {progress} tidak dikenal.</translation>
    </message>
    <message>
        <source>No ticket with id {ticket_id}.</source>
        <translation>Tidak ada tiket dengan ID {ticket_id}.</translation>
    </message>
    <message>
        <source>{number} was not issued at a kiosk: name the kiosk.</source>
        <translation>{number} tidak diterbitkan di kios: sebutkan kiosnya.</translation>
    </message>
    <message>
        <source>There is no counter {counter} (counters: {known}).</source>
        <translation>Tidak ada loket {counter} (loket yang ada: {known}).</translation>
    </message>
    <message>
        <source>Walk-in for failed online bookings is not open today.</source>
        <translation>Pendaftaran langsung untuk booking online yang gagal tidak dibuka hari ini.</translation>
    </message>
    <message>
        <source>Walk-in for failed online bookings is not open today. Next opening: {weekday} {next_opening}.</source>
        <translation>Pendaftaran langsung untuk booking online yang gagal tidak dibuka hari ini. Buka kembali: {weekday} {next_opening}.</translation>
    </message>
    <message>
        <source>Tickets are issued from {time} today.</source>
        <translation>Tiket diterbitkan mulai pukul {time} hari ini.</translation>
    </message>
    <message>
        <source>Tickets are issued from {time} today. Next opening: {weekday} {next_opening}.</source>
        <translation>Tiket diterbitkan mulai pukul {time} hari ini. Buka kembali: {weekday} {next_opening}.</translation>
    </message>
    <message>
        <source>The office has stopped issuing tickets for today.</source>
        <translation>Kantor sudah berhenti menerbitkan tiket untuk hari ini.</translation>
    </message>
    <message>
        <source>The office has stopped issuing tickets for today. Next opening: {weekday} {next_opening}.</source>
        <translation>Kantor sudah berhenti menerbitkan tiket untuk hari ini. Buka kembali: {weekday} {next_opening}.</translation>
    </message>
    <message>
        <source>The office is closed today (closed: {notice}).</source>
        <translation>Kantor tutup hari ini (ditutup: {notice}).</translation>
    </message>
    <message>
        <source>The office is closed today (closed: {notice}). Next opening: {weekday} {next_opening}.</source>
        <translation>Kantor tutup hari ini (ditutup: {notice}). Buka kembali: {weekday} {next_opening}.</translation>
    </message>
    <message>
        <source>The office is closed today (public holiday: {holiday}).</source>
        <translation>Kantor tutup hari ini (hari libur nasional: {holiday}).</translation>
    </message>
    <message>
        <source>The office is closed today (public holiday: {holiday}). Next opening: {weekday} {next_opening}.</source>
        <translation>Kantor tutup hari ini (hari libur nasional: {holiday}). Buka kembali: {weekday} {next_opening}.</translation>
    </message>
    <message>
        <source>The office is closed today (office closure).</source>
        <translation>Kantor tutup hari ini (penutupan kantor).</translation>
    </message>
    <message>
        <source>The office is closed today (office closure). Next opening: {weekday} {next_opening}.</source>
        <translation>Kantor tutup hari ini (penutupan kantor). Buka kembali: {weekday} {next_opening}.</translation>
    </message>
    <message>
        <source>The office is closed today (no opening hours on this weekday).</source>
        <translation>Kantor tutup hari ini (tidak ada jam buka pada hari ini).</translation>
    </message>
    <message>
        <source>The office is closed today (no opening hours on this weekday). Next opening: {weekday} {next_opening}.</source>
        <translation>Kantor tutup hari ini (tidak ada jam buka pada hari ini). Buka kembali: {weekday} {next_opening}.</translation>
    </message>
    <message>
        <source>Walk-in registration is not open today.</source>
        <translation>Pendaftaran langsung tidak dibuka hari ini.</translation>
    </message>
    <message>
        <source>Walk-in registration is not open today. Next opening: {weekday} {next_opening}.</source>
        <translation>Pendaftaran langsung tidak dibuka hari ini. Buka kembali: {weekday} {next_opening}.</translation>
    </message>
    <message>
        <source>Kiosk PIN</source>
        <translation>PIN kios</translation>
    </message>
    <message>
        <source>Kiosk PIN (4 to 12 digits)</source>
        <translation>PIN kios (4 sampai 12 angka)</translation>
    </message>
    <message>
        <source>My kiosk PIN</source>
        <translation>PIN kios saya</translation>
    </message>
    <message>
        <source>New kiosk PIN (4 to 12 digits)</source>
        <translation>PIN kios baru (4 sampai 12 angka)</translation>
    </message>
    <message>
        <source>Remove kiosk PIN</source>
        <translation>Hapus PIN kios</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Simpan</translation>
    </message>
    <message>
        <source>Set kiosk PIN</source>
        <translation>Atur PIN kios</translation>
    </message>
    <message>
        <source>The same PIN again</source>
        <translation>PIN yang sama sekali lagi</translation>
    </message>
    <message>
        <source>The two PINs are not the same.</source>
        <translation>Kedua PIN tidak sama.</translation>
    </message>
    <message>
        <source>Type the new kiosk PIN first.</source>
        <translation>Ketik PIN kios baru terlebih dahulu.</translation>
    </message>
    <message>
        <source>Type your password to confirm.</source>
        <translation>Ketik kata sandi Anda untuk konfirmasi.</translation>
    </message>
    <message>
        <source>Your kiosk PIN is set.</source>
        <translation>PIN kios Anda sudah diatur.</translation>
    </message>
    <message>
        <source>Your password</source>
        <translation>Kata sandi Anda</translation>
    </message>
    <message>
        <source>set</source>
        <translation>diatur</translation>
    </message>
    <message>
        <source>{name}, with this PIN you sign in at the kiosk's assisted mode: touch your name there, then type it. What you do there is recorded under your name.</source>
        <translation>{name}, dengan PIN ini Anda masuk ke mode bantuan di kios: sentuh nama Anda di sana, lalu ketik PIN ini. Yang Anda lakukan di sana dicatat atas nama Anda.</translation>
    </message>
    <message>
        <source>{username} has no kiosk PIN any more.</source>
        <translation>{username} tidak lagi memiliki PIN kios.</translation>
    </message>
    <message>
        <source>{username} signs in at the kiosk with the new kiosk PIN.</source>
        <translation>{username} masuk di kios dengan PIN kios yang baru.</translation>
    </message>
    <message>
        <source>Locked here after too many wrong passwords, until {time}. Try again then, or ask a supervisor to unlock it.</source>
        <translation>Terkunci di sini karena terlalu banyak kata sandi salah, sampai pukul {time}. Coba lagi nanti, atau minta supervisor membukanya.</translation>
    </message>
    <message>
        <source>Locked here after too many wrong PINs, until {time}. Try again then, or ask a supervisor to unlock it.</source>
        <translation>Terkunci di sini karena terlalu banyak PIN salah, sampai pukul {time}. Coba lagi nanti, atau minta supervisor membukanya.</translation>
    </message>
    <message>
        <source>A kiosk PIN is 4 to 12 digits.</source>
        <translation>PIN kios terdiri dari 4 sampai 12 angka.</translation>
    </message>
    <message>
        <source>This kiosk PIN is too easy to guess (one digit repeated, or digits in a row).</source>
        <translation>PIN kios ini terlalu mudah ditebak (satu angka diulang, atau angka berurutan).</translation>
    </message>
    <message>
        <source>{name}: this account no longer exists.</source>
        <translation>{name}: akun ini sudah tidak ada.</translation>
    </message>
    <message>
        <source>Wrong password: the kiosk PIN was not changed.</source>
        <translation>Kata sandi salah: PIN kios tidak diubah.</translation>
    </message>
    <message>
        <source>Wrong kiosk PIN.</source>
        <translation>PIN kios salah.</translation>
    </message>
    <message>
        <source>{number} was not issued at {kiosk_id}.</source>
        <translation>{number} tidak diterbitkan di {kiosk_id}.</translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message>
        <source>a kiosk</source>
        <translation>kios</translation>
    </message>
    <message>
        <source>a kiosk or a supervisor or an administrator or an officer</source>
        <translation>kios, supervisor, administrator, atau petugas</translation>
    </message>
    <message>
        <source>a kiosk or an administrator</source>
        <translation>kios atau administrator</translation>
    </message>
    <message>
        <source>a supervisor</source>
        <translation>supervisor</translation>
    </message>
    <message>
        <source>a supervisor or an administrator</source>
        <translation>supervisor atau administrator</translation>
    </message>
    <message>
        <source>a supervisor or an administrator or an officer</source>
        <translation>supervisor, administrator, atau petugas</translation>
    </message>
    <message>
        <source>add officer</source>
        <translation>menambahkan petugas</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>admin</translation>
    </message>
    <message>
        <source>an administrator</source>
        <translation>administrator</translation>
    </message>
    <message>
        <source>an officer</source>
        <translation>petugas</translation>
    </message>
    <message>
        <source>answer complaint</source>
        <translation>menjawab pengaduan</translation>
    </message>
    <message>
        <source>booking</source>
        <translation>booking</translation>
    </message>
    <message>
        <source>call next</source>
        <translation>memanggil antrean berikutnya</translation>
    </message>
    <message>
        <source>call ticket</source>
        <translation>memanggil tiket tertentu</translation>
    </message>
    <message>
        <source>called</source>
        <translation>dipanggil</translation>
    </message>
    <message>
        <source>cancel</source>
        <translation>membatalkan tiket</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>dibatalkan</translation>
    </message>
    <message>
        <source>check in booking</source>
        <translation>melakukan check-in booking</translation>
    </message>
    <message>
        <source>close counter</source>
        <translation>menutup loket</translation>
    </message>
    <message>
        <source>comment</source>
        <translation>komentar</translation>
    </message>
    <message>
        <source>complete</source>
        <translation>menyelesaikan layanan</translation>
    </message>
    <message>
        <source>contact</source>
        <translation>kontak</translation>
    </message>
    <message>
        <source>create print job</source>
        <translation>membuat tugas cetak</translation>
    </message>
    <message>
        <source>done</source>
        <translation>selesai</translation>
    </message>
    <message>
        <source>export feedback</source>
        <translation>mengekspor masukan</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>gagal</translation>
    </message>
    <message>
        <source>file complaint</source>
        <translation>menyampaikan pengaduan</translation>
    </message>
    <message>
        <source>finish print job</source>
        <translation>menyelesaikan tugas cetak</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>Jum</translation>
    </message>
    <message>
        <source>heartbeat</source>
        <translation>mengirim laporan status perangkat</translation>
    </message>
    <message>
        <source>import bookings</source>
        <translation>mengimpor data booking</translation>
    </message>
    <message>
        <source>issue booking failure</source>
        <translation>menerbitkan tiket untuk booking online yang gagal</translation>
    </message>
    <message>
        <source>issue ticket</source>
        <translation>menerbitkan tiket</translation>
    </message>
    <message>
        <source>kiosk</source>
        <translation>kios</translation>
    </message>
    <message>
        <source>manage days</source>
        <translation>mengatur hari layanan</translation>
    </message>
    <message>
        <source>manage officers</source>
        <translation>mengelola petugas</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>Sen</translation>
    </message>
    <message>
        <source>no show</source>
        <translation>mencatat tidak hadir</translation>
    </message>
    <message>
        <source>no-show</source>
        <translation>tidak hadir</translation>
    </message>
    <message>
        <source>none</source>
        <translation>tanpa printer</translation>
    </message>
    <message>
        <source>officer</source>
        <translation>petugas</translation>
    </message>
    <message>
        <source>open counter</source>
        <translation>membuka loket</translation>
    </message>
    <message>
        <source>override quota</source>
        <translation>menerbitkan tiket di luar kuota</translation>
    </message>
    <message>
        <source>pause counter</source>
        <translation>mengistirahatkan loket</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>menunggu dicetak</translation>
    </message>
    <message>
        <source>printed</source>
        <translation>tercetak</translation>
    </message>
    <message>
        <source>priority</source>
        <translation>prioritas</translation>
    </message>
    <message>
        <source>purge personal data</source>
        <translation>menghapus data pribadi</translation>
    </message>
    <message>
        <source>recall</source>
        <translation>memanggil ulang</translation>
    </message>
    <message>
        <source>record backup</source>
        <translation>mencatat cadangan</translation>
    </message>
    <message>
        <source>reprint at kiosk</source>
        <translation>mencetak ulang tiket di kios</translation>
    </message>
    <message>
        <source>set own kiosk pin</source>
        <translation>mengatur PIN kios sendiri</translation>
    </message>
    <message>
        <source>reprint</source>
        <translation>mencetak ulang tiket</translation>
    </message>
    <message>
        <source>requeue</source>
        <translation>mengembalikan tiket ke antrean</translation>
    </message>
    <message>
        <source>response</source>
        <translation>tanggapan</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>Sab</translation>
    </message>
    <message>
        <source>search bookings</source>
        <translation>mencari booking</translation>
    </message>
    <message>
        <source>serving</source>
        <translation>sedang dilayani</translation>
    </message>
    <message>
        <source>set quota</source>
        <translation>mengatur kuota</translation>
    </message>
    <message>
        <source>start service</source>
        <translation>memulai layanan</translation>
    </message>
    <message>
        <source>submit survey</source>
        <translation>mengisi survei</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>Min</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>supervisor</translation>
    </message>
    <message>
        <source>take print job</source>
        <translation>mengambil tugas cetak</translation>
    </message>
    <message>
        <source>text</source>
        <translation>teks</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>Kam</translation>
    </message>
    <message>
        <source>transfer</source>
        <translation>memindahkan tiket</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>Sel</translation>
    </message>
    <message>
        <source>unlock logins</source>
        <translation>membuka kunci login</translation>
    </message>
    <message>
        <source>view audit</source>
        <translation>melihat log audit</translation>
    </message>
    <message>
        <source>view bookings</source>
        <translation>melihat data booking</translation>
    </message>
    <message>
        <source>view feedback</source>
        <translation>melihat masukan</translation>
    </message>
    <message>
        <source>view reports</source>
        <translation>melihat laporan</translation>
    </message>
    <message>
        <source>vip</source>
        <translation>VIP</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>menunggu</translation>
    </message>
    <message>
        <source>walk-in</source>
        <translation>langsung</translation>
    </message>
    <message>
        <source>walk_in</source>
        <translation>langsung</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>Rab</translation>
    </message>
</context>
</TS>
