<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID" sourcelanguage="en">
<context>
    <name>Display</name>
    <message>
        <source>en</source>
        <translation>id</translation>
    </message>
    <message>
        <source>QUEUE NUMBER</source>
        <translation>NOMOR ANTREAN</translation>
    </message>
    <message>
        <source>PREVIOUS CALLS</source>
        <translation>PANGGILAN SEBELUMNYA</translation>
    </message>
    <message>
        <source>NOW SERVING</source>
        <translation>SEDANG DILAYANI</translation>
    </message>
    <message>
        <source>WAITING</source>
        <translation>MENUNGGU</translation>
    </message>
    <message>
        <source>No counter is open yet</source>
        <translation>Loket belum dibuka</translation>
    </message>
    <message>
        <source>On a break</source>
        <translation>Istirahat</translation>
    </message>
    <message>
        <source>calling {number}</source>
        <translation>memanggil {number}</translation>
    </message>
    <message>
        <source>{n} people</source>
        <translation>{n} orang</translation>
    </message>
    <message>
        <source>{counter} · called again</source>
        <translation>{counter} · dipanggil lagi</translation>
    </message>
    <message>
        <source>{counter} · being served</source>
        <translation>{counter} · dilayani</translation>
    </message>
    <message>
        <source>{counter} · done</source>
        <translation>{counter} · selesai</translation>
    </message>
    <message>
        <source>back in the queue</source>
        <translation>kembali ke antrean</translation>
    </message>
    <message>
        <source>moved to {target}</source>
        <translation>pindah ke {target}</translation>
    </message>
    <message>
        <source>moved</source>
        <translation>dipindahkan</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>dibatalkan</translation>
    </message>
</context>
</TS>
