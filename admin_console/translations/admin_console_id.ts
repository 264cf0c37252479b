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
</context>
</TS>
