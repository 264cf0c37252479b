"""The web pages' words, Indonesian (the default) and English. The survey's nine questions
and the complaint categories say what the kiosk says (its ``kiosk_id.ts``), so answers
given on a phone and at the kiosk mean the same thing."""

from __future__ import annotations

LANGUAGES = ("id", "en")

WORDS: dict[str, tuple[str, str]] = {
    "title_ticket": ("Tiket antrean", "Queue ticket"),
    "your_number": ("Nomor antrean Anda", "Your number"),
    "service": ("Layanan", "Service"),
    "people_ahead": ("Orang di depan Anda", "People ahead of you"),
    "estimated": ("Perkiraan waktu tunggu", "Estimated wait"),
    "minutes_range": ("{low}–{high} menit", "{low}–{high} minutes"),
    "waiting": (
        "Mohon menunggu. Halaman ini diperbarui sendiri.",
        "Please wait. This page updates by itself.",
    ),
    "called": ("Silakan menuju {counter}", "Please go to {counter}"),
    "serving": ("Sedang dilayani di {counter}", "Being served at {counter}"),
    "done": ("Pelayanan selesai. Terima kasih!", "Service complete. Thank you!"),
    "no_show": (
        "Nomor Anda sudah dipanggil tetapi Anda tidak hadir. Silakan ke meja informasi.",
        "Your number was called but you were not there. Please go to the information desk.",
    ),
    "cancelled": ("Tiket ini dibatalkan.", "This ticket was cancelled."),
    "sound_hint": (
        "Biarkan halaman ini terbuka: ponsel berbunyi dan bergetar saat nomor Anda dipanggil.",
        "Keep this page open: the phone rings and vibrates when your number is called.",
    ),
    "enable_sound": ("Aktifkan suara", "Turn on sound"),
    "offline": ("Koneksi terputus, menyambung kembali…", "Connection lost, reconnecting…"),
    "survey_title": ("Bagaimana pelayanan kami?", "How was our service?"),
    "survey_send": ("Kirim", "Send"),
    "survey_comment": (
        "Ada yang ingin Anda sampaikan? (opsional)",
        "Anything else you would like to tell us? (optional)",
    ),
    "survey_thanks": ("Terima kasih atas jawaban Anda!", "Thank you for your answers!"),
    "survey_given": (
        "Survei untuk tiket ini sudah diisi.",
        "The survey for this ticket was given.",
    ),
    "survey_incomplete": (
        "Mohon jawab kesembilan pertanyaan.",
        "Please answer all nine questions.",
    ),
    "complaint_title": ("Sampaikan pengaduan", "Report a problem"),
    "complaint_category": ("Apa masalahnya?", "What went wrong?"),
    "complaint_text": ("Ceritakan (opsional)", "Tell us more (optional)"),
    "complaint_contact": (
        "Nomor telepon atau e-mail untuk jawaban (opsional)",
        "Phone number or e-mail for an answer (optional)",
    ),
    "complaint_consent": (
        "Saya setuju dihubungi di kontak ini tentang pengaduan ini.",
        "I agree to be contacted there about this complaint.",
    ),
    "complaint_send": ("Kirim pengaduan", "Send the report"),
    "complaint_receipt": ("Nomor tanda terima pengaduan Anda", "Your complaint receipt number"),
    "complaint_keep": (
        "Simpan nomor ini untuk menanyakan tindak lanjutnya.",
        "Keep this number to ask about the follow-up.",
    ),
    "bad_contact": (
        "Ini bukan nomor telepon atau alamat e-mail.",
        "This is not a phone number or an e-mail address.",
    ),
    "need_consent": (
        "Kontak hanya disimpan dengan persetujuan Anda.",
        "A contact is kept only with your consent.",
    ),
    "too_long": ("Teks terlalu panjang.", "The text is too long."),
    "too_many": (
        "Terlalu banyak kiriman dari alamat ini. Coba lagi beberapa menit lagi.",
        "Too many submissions from this address. Please try again in a few minutes.",
    ),
    "form_expired": (
        "Formulir kedaluwarsa. Silakan muat ulang halaman dan coba lagi.",
        "The form has expired. Please reload the page and try again.",
    ),
    "not_found_title": ("Tiket tidak ditemukan", "Ticket not found"),
    "not_found": (
        "Tautan ini tidak dikenal. Pindai kode QR pada tiket Anda lagi.",
        "This link is not known. Scan the QR code on your ticket again.",
    ),
    "other_day_title": ("Tiket sudah tidak berlaku", "Ticket no longer valid"),
    "other_day": (
        "Tiket ini untuk hari {day}. Nomor antrean berlaku pada hari dikeluarkan saja.",
        "This ticket was for {day}. A queue number is valid on the day it was issued only.",
    ),
    "error_title": ("Terjadi gangguan", "Something went wrong"),
    "error": (
        "Layanan sedang terganggu. Silakan coba lagi sebentar lagi.",
        "The service is having a problem. Please try again shortly.",
    ),
    "today_title": ("Antrean hari ini", "Today's queue"),
    "quota_left": ("Sisa kuota hari ini", "Quota left today"),
    "quota_unlimited": ("tanpa batas", "no limit"),
    "hours": ("Jam buka", "Opening hours"),
    "closed_today": ("Kantor tutup hari ini.", "The office is closed today."),
    "closed_today_because": (
        "Kantor tutup hari ini: {reason}",
        "The office is closed today: {reason}",
    ),
    "open_today": ("Buka hari ini {open}–{close}", "Open today {open}–{close}"),
    "closed": ("tutup", "closed"),
    "faq": ("Informasi", "Information"),
    "official_page": ("Halaman resmi", "Official page"),
    "back": ("Kembali", "Back"),
    "waiting_now": ("Menunggu", "Waiting"),
    "now_serving": ("Sedang dilayani", "Now serving"),
    "latest_call": ("Panggilan", "Call"),
    "previous_calls": ("Panggilan sebelumnya", "Previous calls"),
    "counter": ("Loket", "Counter"),
    "no_calls": ("Belum ada panggilan", "No calls yet"),
    "display_sound": ("Sentuh untuk menyalakan suara", "Touch to turn on sound"),
    "channel_walk_in": ("Datang langsung", "Walk-in"),
    "channel_priority": ("Prioritas", "Priority"),
    "channel_vip": ("Layanan satu hari", "One-day service"),
    "channel_booking": ("Pemesanan online", "Online booking"),
    "language_other": ("English", "Bahasa Indonesia"),
    "nothing_to_show": ("–", "–"),
}

SURVEY_QUESTIONS: dict[str, tuple[str, str]] = {
    "requirements": (
        "Bagaimana kesesuaian persyaratan dengan jenis pelayanannya?",
        "Were the requirements for this service clear and fitting?",
    ),
    "procedure": ("Bagaimana kemudahan prosedur pelayanan?", "How easy was the procedure?"),
    "time": ("Bagaimana kecepatan waktu pelayanan?", "How quickly were you served?"),
    "cost": ("Bagaimana kewajaran biaya/tarif pelayanan?", "Was the fee fair?"),
    "product": (
        "Apakah hasil pelayanan sesuai dengan standar pelayanan?",
        "Was the result what the service standard promises?",
    ),
    "competence": (
        "Bagaimana kompetensi petugas dalam memberikan pelayanan?",
        "How capable were the officers?",
    ),
    "behaviour": (
        "Bagaimana kesopanan dan keramahan petugas?",
        "How polite and friendly were the officers?",
    ),
    "complaint_handling": (
        "Bagaimana penanganan pengaduan di kantor ini?",
        "How well does this office handle complaints?",
    ),
    "facilities": (
        "Bagaimana kualitas sarana dan prasarana (ruang tunggu, kursi, toilet)?",
        "How good are the facilities (waiting room, seats, toilets)?",
    ),
}
SCALE: dict[int, tuple[str, str]] = {
    1: ("Tidak baik", "Poor"),
    2: ("Kurang baik", "Fair"),
    3: ("Baik", "Good"),
    4: ("Sangat baik", "Very good"),
}
CATEGORIES: dict[str, tuple[str, str]] = {
    "app_unreachable": (
        "Aplikasi pemesanan online tidak dapat diakses",
        "The online booking app cannot be reached",
    ),
    "verification_failed": (
        "Verifikasi e-mail atau akun gagal",
        "E-mail or account verification failed",
    ),
    "quota_full": (
        "Kuota penuh saat saya mencoba memesan",
        "The quota was full when I tried to book",
    ),
    "phone_not_supported": ("Ponsel saya tidak didukung", "My phone is not supported"),
    "no_smartphone": ("Saya tidak punya ponsel pintar", "I have no smartphone"),
    "office_problem": ("Masalah di kantor ini", "A problem in this office"),
    "other": ("Hal lain", "Something else"),
}
WEEKDAY_NAMES: dict[str, tuple[str, str]] = {
    "mon": ("Senin", "Monday"),
    "tue": ("Selasa", "Tuesday"),
    "wed": ("Rabu", "Wednesday"),
    "thu": ("Kamis", "Thursday"),
    "fri": ("Jumat", "Friday"),
    "sat": ("Sabtu", "Saturday"),
    "sun": ("Minggu", "Sunday"),
}


def language_of(value: str | None) -> str:
    return "en" if value == "en" else "id"


def pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def t(key: str, lang: str, **values: object) -> str:
    text = pick(WORDS[key], lang)
    return text.format(**values) if values else text
