"""Makes a synthetic daily booking export in the central booking system's format
(booking-export.md in this folder). Names and ID numbers are made up.

Usage: make_booking_export.py OUT.csv DATE(YYYY-MM-DD) [N] [--seed S] [--office KODE]
       [--json OUT.json]
"""

import argparse
import datetime as dt
import json
import random

FIRST = [
    "Siti",
    "Budi",
    "Agus",
    "Dewi",
    "Rina",
    "Andi",
    "Muhammad",
    "Nur",
    "Putri",
    "Rizki",
    "Ahmad",
    "Ni Luh Putu",
    "I Made",
    "Yohanes",
    "Maria",
    "Fransiska",
    "Teguh",
    "Wahyu",
    "Sri",
    "Lestari",
    "Dian",
    "Hendra",
    "Kadek",
    "Yusuf",
    "Fitri",
    "Bambang",
    "Indah",
    "Ayu",
    "Reza",
    "Wulan",
]
LAST = [
    "Nurhaliza",
    "Santoso",
    "Wijaya",
    "Lestari",
    "Hidayat",
    "Saputra",
    "Kurniawan",
    "Siregar",
    "Nasution",
    "Simanjuntak",
    "Pratama",
    "Setiawan",
    "Rahmawati",
    "Gunawan",
    "Harahap",
    "Sihombing",
    "Ayu Wulandari",
    "Permana",
    "Hakim",
    "Tanjung",
    "Daeng Matata",
    "O'Neil",
    "Lubis",
    "Halim",
]
SERVICES = [
    ("PASPOR BARU", 0.45),
    ("PENGGANTIAN PASPOR HABIS BERLAKU", 0.35),
    ("PENGGANTIAN PASPOR HILANG/RUSAK", 0.08),
    ("PASPOR BARU ANAK", 0.12),
]
SESSIONS = ["08.00 - 10.00", "10.00 - 12.00", "13.00 - 15.00"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("date")
    ap.add_argument("n", nargs="?", type=int, default=120)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--office", default="JKS")
    ap.add_argument("--json")
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    day = dt.date.fromisoformat(a.date)
    rows = []
    for i in range(1, a.n + 1):
        svc = rnd.choices([s for s, _ in SERVICES], [w for _, w in SERVICES])[0]
        sess = SESSIONS[min(2, int(rnd.random() * 3))]
        name = f"{rnd.choice(FIRST)} {rnd.choice(LAST)}".upper()
        nik = (
            "3174"
            + "".join(str(rnd.randint(0, 9)) for _ in range(8))
            + f"{rnd.randint(1, 9999):04d}"
        )
        status = rnd.choices(["AKTIF", "BATAL", "RESCHEDULE"], [0.9, 0.06, 0.04])[0]
        reg = dt.datetime.combine(
            day - dt.timedelta(days=rnd.randint(3, 25)), dt.time(14, 0)
        ) + dt.timedelta(seconds=rnd.randint(0, 5400))
        code = f"MP{day:%y%m%d}{a.office}{i:05d}"
        rows.append(
            {
                "KODE_BOOKING": code,
                "TGL_KEDATANGAN": f"{day:%d/%m/%Y}",
                "SESI": sess,
                "JENIS_LAYANAN": svc,
                "NAMA_PEMOHON": name,
                "NIK": nik,
                "KODE_KANTOR": a.office,
                "STATUS": status,
                "WAKTU_DAFTAR": f"{reg:%Y-%m-%d %H:%M:%S}",
            }
        )
    cols = list(rows[0])
    with open(a.out, "w", encoding="utf-8-sig", newline="") as f:
        f.write(";".join(cols) + "\r\n")
        for r in rows:
            f.write(";".join(r[c] for c in cols) + "\r\n")
    if a.json:

        def iso(r: dict[str, str]) -> dict[str, str]:
            d = dict(r)
            d["TGL_KEDATANGAN"] = day.isoformat()
            return {k.lower(): v for k, v in d.items()}

        with open(a.json, "w", encoding="utf-8") as f:
            json.dump(
                {
                    "kode_kantor": a.office,
                    "tanggal": day.isoformat(),
                    "jumlah": len(rows),
                    "data": [iso(r) for r in rows],
                },
                f,
                ensure_ascii=False,
                indent=1,
            )


if __name__ == "__main__":
    main()
