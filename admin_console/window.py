"""The console window: login → counter → the officer's counter view and, for supervisors
and administrators, the supervisor pages. Wires the change watcher to the pages."""

from __future__ import annotations

import socket

from PySide6.QtCore import QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from admin_console.audit_page import AuditPage
from admin_console.bookings_page import BookingsPage
from admin_console.common import MessageBar
from admin_console.counter_view import CounterView
from admin_console.days_page import DaysPage
from admin_console.dialogs import KioskPinDialog
from admin_console.feedback import FeedbackPage
from admin_console.idle import IdleLock
from admin_console.login import CounterPicker, LoginPage
from admin_console.officers import OfficersPage
from admin_console.reports import ReportsPage
from admin_console.supervisor import DashboardPage, DevicesPage
from admin_console.tasks import Refresher, Tasks
from admin_console.text import tr
from admin_console.tools import ImportPage, QuotasPage, TicketsPage
from config.loader import office_identity
from db.context import MANAGERS, QueueContext
from db.models import Role
from db.ops.counters import counters, open_counter
from db.ops.kiosk_pins import set_own_kiosk_pin
from db.ops.officers import OfficerView
from ui.heartbeat import AppHeartbeat, app_version
from ui.i18n import Translations
from ui.watcher import POLL_MS, RECONNECT_MS, QueueWatcher


def db_away_text() -> str:
    return tr(
        "Database unreachable — reconnecting…  Your work resumes by itself once the "
        "connection is back; then check that your last step was saved before repeating it."
    )


DB_BANNER_STYLE = (
    "QLabel#dbBanner { background: #8A1C1C; color: #FFFFFF; padding: 12px 16px; "
    "border-radius: 8px; font-weight: 700; }"
)


class WorkArea(QWidget):
    """What a logged-in officer sees: a top bar and the pages their role may use."""

    def __init__(
        self,
        ctx: QueueContext,
        tasks: Tasks,
        officer: OfficerView,
        counter: int | None,
        silent_minutes: int,
    ) -> None:
        super().__init__()
        self.setObjectName("workArea")
        actor = officer.actor
        where = ctx.settings.counter(counter).name if counter is not None else tr("supervising")
        role = {
            Role.OFFICER: tr("officer"),
            Role.SUPERVISOR: tr("supervisor"),
            Role.ADMIN: tr("administrator"),
        }.get(Role(officer.role), str(officer.role))
        who = QLabel(f"{officer.display_name} · {role} · {where}", objectName="subtitle")
        self.kiosk_pin_button = QPushButton(tr("My kiosk PIN"), objectName="kioskPinButton")
        self.kiosk_pin_button.setProperty("role", "secondary")
        self.lock_button = QPushButton(tr("F12   Lock"), objectName="lockButton")
        self.lock_button.setShortcut(QKeySequence("F12"))
        self.lock_button.setProperty("role", "secondary")
        self.logout_button = QPushButton(tr("Log out"), objectName="logoutButton")
        self.logout_button.setProperty("role", "secondary")
        bar = QHBoxLayout()
        bar.setContentsMargins(24, 10, 24, 0)
        bar.addWidget(who)
        bar.addStretch(1)
        bar.addWidget(self.kiosk_pin_button)
        bar.addWidget(self.lock_button)
        bar.addWidget(self.logout_button)
        self.tabs = QTabWidget(objectName="pages")
        self.counter_view: CounterView | None = None
        self.refreshers: dict[QWidget, Refresher] = {}
        if counter is not None:
            self.counter_view = CounterView(ctx, tasks, actor, counter)
            self._add(self.counter_view, tr("Counter"), self.counter_view.refresher)
        self.dashboard: DashboardPage | None = None
        self.devices: DevicesPage | None = None
        if officer.role in MANAGERS:
            self.dashboard = DashboardPage(ctx, tasks)
            self._add(self.dashboard, tr("Dashboard"), self.dashboard.refresher)
            self.devices = DevicesPage(ctx, tasks, silent_minutes)
            self._add(self.devices, tr("Devices"), self.devices.refresher)
            quotas = QuotasPage(ctx, tasks, actor)
            self._add(quotas, tr("Quotas"), quotas.refresher)
            days = DaysPage(ctx, tasks, actor)
            self._add(days, tr("Days"), days.refresher)
            tickets = TicketsPage(ctx, tasks, actor)
            self._add(tickets, tr("Tickets"), tickets.refresher)
            self.tabs.addTab(ImportPage(ctx, tasks, actor), tr("Import bookings"))
            feedback = FeedbackPage(ctx, tasks, actor)
            self._add(feedback, tr("Feedback"), feedback.refresher)
            reports = ReportsPage(ctx, tasks, actor)
            self._add(reports, tr("Reports"), reports.refresher)
            bookings = BookingsPage(ctx, tasks, actor)
            self._add(bookings, tr("Bookings"), bookings.refresher)
            audit_log = AuditPage(ctx, tasks, actor)
            self._add(audit_log, tr("Audit log"), audit_log.refresher)
        if officer.role == Role.ADMIN:
            officers = OfficersPage(ctx, tasks, actor)
            self._add(officers, tr("Officers"), officers.refresher)
        self.tabs.currentChanged.connect(lambda _: self.refresh())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.tabs, 1)

    def _add(self, page: QWidget, title: str, refresher: Refresher) -> None:
        self.tabs.addTab(page, title)
        self.refreshers[page] = refresher

    def refresh(self) -> None:
        """Re-read the counter view (always) and the page in front."""
        if self.counter_view is not None:
            self.counter_view.refresher.request()
        current = self.tabs.currentWidget()
        if current is not self.counter_view and current in self.refreshers:
            self.refreshers[current].request()


class ConsoleWindow(QMainWindow):
    def __init__(
        self,
        ctx: QueueContext,
        *,
        counter: int | None = None,
        lock_ms: int | None = None,
        poll_ms: int = POLL_MS,
        silent_minutes: int = 5,
        reconnect_ms: int = RECONNECT_MS,
        language: str | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("consoleWindow")
        # The office's language (Indonesian by default) before any page is built.
        self.translations = Translations("admin_console", parent=self)
        self.translations.set_language(language or ctx.settings.languages.default)
        self.setWindowTitle(tr("Loket console — {office}", office=ctx.settings.office.name))
        self.ctx = ctx
        self.preset_counter = counter
        self.silent_minutes = silent_minutes
        self.officer: OfficerView | None = None
        self.counter: int | None = None
        self.work: WorkArea | None = None
        self.kiosk_pin_dialog: KioskPinDialog | None = None
        self.locked = False
        self.tasks = Tasks(self)
        self.watcher = QueueWatcher(ctx.settings.database_url, self, poll_ms=poll_ms)
        self.idle = IdleLock(lock_ms or ctx.settings.idle.console_lock_seconds * 1000, self)
        self.idle.expired.connect(self.lock)
        self.login = LoginPage(ctx, tasks=self.tasks)
        self.picker = CounterPicker(ctx, self.tasks)
        self.message = MessageBar()
        self.db_away = False
        self.db_banner = QLabel(db_away_text(), objectName="dbBanner")
        self.db_banner.setWordWrap(True)
        self.db_banner.setStyleSheet(DB_BANNER_STYLE)
        self.db_banner.hide()
        self.reconnect_timer = QTimer(self)
        self.reconnect_timer.setInterval(reconnect_ms)
        self.reconnect_timer.timeout.connect(self._probe)
        self.stack = QStackedWidget(objectName="screens")
        self.stack.addWidget(self.login)
        self.stack.addWidget(self.picker)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.db_banner)
        layout.addWidget(self.message)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.login.logged_in.connect(self._logged_in)
        self.picker.picked.connect(self._picked)
        self.picker.logout.connect(self.logout)
        self.watcher.changed.connect(self._changed)
        self.watcher.connection_lost.connect(lambda _why: self._db_lost())
        self.watcher.connection_restored.connect(self._probe)
        self.tasks.reachable_changed.connect(lambda up: self._db_back() if up else self._db_lost())
        identity = office_identity(ctx.settings)
        self.about = QLabel(
            tr(
                "Loket {version} · office {office} · {database}",
                version=app_version(),
                office=identity["office"],
                database=identity["database"],
            ),
            objectName="aboutLine",
        )
        self.statusBar().addPermanentWidget(self.about)
        self.heartbeat = AppHeartbeat(ctx, "console", parent=self)
        self.watcher.start()
        self.heartbeat.start()
        self.login.reset()

    # --- the flow ------------------------------------------------------------------------

    def _logged_in(self, officer: OfficerView) -> None:
        # The same officer, unchanged (role, active): the work area goes on. Anyone else, or
        # the same officer with another role now, starts afresh.
        if self.locked and self.work is not None and self.officer and officer == self.officer:
            self.locked = False
            self.stack.setCurrentWidget(self.work)
            self.idle.arm()
            self.work.refresh()
            return
        self._drop_work()
        self.locked = False
        self.officer = officer
        self.idle.arm()
        if self.preset_counter is not None:
            self._picked(self.preset_counter)
        else:
            self.picker.load(officer)
            self.stack.setCurrentWidget(self.picker)

    def _picked(self, counter: int | None) -> None:
        officer = self.officer
        if officer is None:
            return
        if counter is None:
            self._show_work(None)
            return
        ctx, actor = self.ctx, officer.actor

        def opened(_: object) -> None:
            self._show_work(counter)

        def refused(text: str) -> None:
            self.picker.load(officer)
            self.stack.setCurrentWidget(self.picker)
            self.picker.message.error(text)

        self.tasks.run(lambda: open_counter(ctx, actor, counter), opened, refused)

    def _show_work(self, counter: int | None) -> None:
        assert self.officer is not None
        self.counter = counter
        self.work = WorkArea(self.ctx, self.tasks, self.officer, counter, self.silent_minutes)
        self.work.lock_button.clicked.connect(self.lock)
        self.work.kiosk_pin_button.clicked.connect(self.ask_kiosk_pin)
        self.work.logout_button.clicked.connect(self.logout)
        self.stack.addWidget(self.work)
        self.stack.setCurrentWidget(self.work)
        self.work.refresh()

    def ask_kiosk_pin(self) -> None:
        """The officer sets their own kiosk PIN (confirmed with their password)."""
        officer = self.officer
        if officer is None:
            return
        dialog = KioskPinDialog(officer.display_name, self)
        ctx, source = self.ctx, socket.gethostname() or "console"

        def saved(_view: object) -> None:
            dialog.saved()
            self.message.info(tr("Your kiosk PIN is set."))

        def save(password: str, pin: str) -> None:
            self.tasks.run(
                lambda: set_own_kiosk_pin(ctx, officer.actor, password, pin, source),
                saved,
                dialog.refused,
            )

        def closed(_result: int) -> None:
            self.kiosk_pin_dialog = None
            dialog.deleteLater()

        dialog.save = save
        dialog.finished.connect(closed)
        self.kiosk_pin_dialog = dialog
        dialog.open()

    def _drop_work(self) -> None:
        if self.work is not None:
            self.stack.removeWidget(self.work)
            self.work.deleteLater()
            self.work = None
        self.counter = None

    def lock(self) -> None:
        if self.officer is None or self.locked:
            return
        self.idle.disarm()
        self.locked = True
        self.login.reset(
            self.officer.username,
            tr(
                "Locked. {name}, enter your password to continue (or another officer may log in).",
                name=self.officer.display_name,
            ),
        )
        self.stack.setCurrentWidget(self.login)

    def logout(self) -> None:
        self.idle.disarm()
        self._drop_work()
        self.officer = None
        self.locked = False
        self.login.reset()
        self.stack.setCurrentWidget(self.login)

    def _changed(self) -> None:
        if self.work is not None and not self.locked:
            self.work.refresh()

    # --- the database away ----------------------------------------------------------------

    def _db_lost(self) -> None:
        """Calm and visible: a banner, and a probe every few seconds until it answers."""
        if self.db_away:
            return
        self.db_away = True
        self.db_banner.show()
        self.reconnect_timer.start()

    def _probe(self) -> None:
        ctx = self.ctx
        self.tasks.run(lambda: counters(ctx), lambda _: self._db_back(), lambda _text: None)

    def _db_back(self) -> None:
        if not self.db_away:
            return
        self.db_away = False
        self.reconnect_timer.stop()
        self.db_banner.hide()
        self.message.info(tr("The queue database is reachable again."))
        self._changed()

    # --- shutting down -------------------------------------------------------------------

    def shutdown(self) -> None:
        self.translations.uninstall()
        self.reconnect_timer.stop()
        self.watcher.stop()
        self.heartbeat.stop()
        self.idle.close()
        self.tasks.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)
