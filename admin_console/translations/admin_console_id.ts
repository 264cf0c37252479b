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
        <source>Expected call</source>
        <translation>Perkiraan dipanggil</translation>
    </message>
    <message>
        <source>{time} ({low}-{high})</source>
        <translation>{time} ({low}-{high})</translation>
    </message>
</context>
</TS>
