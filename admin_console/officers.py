"""The administrator's officers page: add an officer, reset a password, set or remove the
kiosk PIN an officer signs in with at the kiosk, change a role, deactivate / reactivate.
Every change is one queue operation in a worker; the operations themselves refuse anyone
but an administrator and keep one active administrator."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from admin_console.common import MessageBar, local_hm, pin_edit, role_word, short_date
from admin_console.queue_panel import ID_ROLE, _item, _table
from admin_console.tasks import Refresher, Tasks
from admin_console.text import tr
from db.context import Actor, QueueContext
from db.models import Role
from db.ops.kiosk_pins import set_kiosk_pin
from db.ops.officers import (
    OfficerRow,
    OfficerView,
    add_officer,
    list_officers,
    reset_password,
    set_active,
    set_role,
)

ROLES = (Role.OFFICER, Role.SUPERVISOR, Role.ADMIN)


def _roles(name: str) -> QComboBox:
    box = QComboBox(objectName=name)
    for role in ROLES:
        box.addItem(role_word(role), str(role))
    return box


def _password(name: str, hint: str) -> QLineEdit:
    edit = QLineEdit(objectName=name, placeholderText=hint)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class OfficersPage(QWidget):
    loaded = Signal()

    def __init__(self, ctx: QueueContext, tasks: Tasks, actor: Actor) -> None:
        super().__init__()
        self.setObjectName("officersPage")
        self.ctx, self.tasks, self.actor = ctx, tasks, actor
        self.rows: list[OfficerRow] = []
        self.message = MessageBar()
        self.table = _table(
            "officersTable",
            [tr("Username"), tr("Name"), tr("Role"), tr("Since"), tr("State"), tr("Kiosk PIN")],
        )
        self.table.itemSelectionChanged.connect(self._selected_changed)
        # Adding.
        self.new_username = QLineEdit(objectName="newUsername", placeholderText=tr("Username"))
        self.new_name = QLineEdit(objectName="newDisplayName", placeholderText=tr("Full name"))
        self.new_role = _roles("newRole")
        self.new_password = _password("newPassword", tr("Password (at least 8 characters)"))
        add = QPushButton(tr("Add officer"), objectName="addOfficerButton")
        add.clicked.connect(self.add)
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_username, 2)
        add_row.addWidget(self.new_name, 3)
        add_row.addWidget(self.new_role, 1)
        add_row.addWidget(self.new_password, 3)
        add_row.addWidget(add)
        # Changing the selected officer.
        self.chosen = QLabel(tr("Select an officer in the list."), objectName="chosenOfficer")
        self.reset_edit = _password("resetPassword", tr("New password"))
        reset = QPushButton(tr("Reset password"), objectName="resetPasswordButton")
        reset.clicked.connect(self.reset_password)
        self.role_box = _roles("roleChoice")
        role = QPushButton(tr("Change role"), objectName="setRoleButton")
        role.clicked.connect(self.change_role)
        self.deactivate_button = QPushButton(tr("Deactivate"), objectName="deactivateButton")
        self.deactivate_button.setProperty("role", "danger")
        self.deactivate_button.clicked.connect(lambda: self.set_active(False))
        self.reactivate_button = QPushButton(tr("Reactivate"), objectName="reactivateButton")
        self.reactivate_button.setProperty("role", "secondary")
        self.reactivate_button.clicked.connect(lambda: self.set_active(True))
        self.kiosk_pin_edit = pin_edit("kioskPin", tr("Kiosk PIN (4 to 12 digits)"))
        set_pin = QPushButton(tr("Set kiosk PIN"), objectName="setKioskPinButton")
        set_pin.clicked.connect(self.set_kiosk_pin)
        self.clear_pin_button = QPushButton(tr("Remove kiosk PIN"), objectName="clearKioskPin")
        self.clear_pin_button.setProperty("role", "secondary")
        self.clear_pin_button.clicked.connect(self.clear_kiosk_pin)
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.addWidget(self.chosen, 0, 0, 1, 4)
        grid.addWidget(self.reset_edit, 1, 0)
        grid.addWidget(reset, 1, 1)
        grid.addWidget(self.role_box, 1, 2)
        grid.addWidget(role, 1, 3)
        grid.addWidget(self.deactivate_button, 1, 4)
        grid.addWidget(self.reactivate_button, 1, 5)
        grid.addWidget(self.kiosk_pin_edit, 2, 0)
        grid.addWidget(set_pin, 2, 1)
        grid.addWidget(self.clear_pin_button, 2, 2)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(2, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(QLabel(tr("Officers"), objectName="title"))
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(QLabel(tr("Selected officer"), objectName="sectionTitle"))
        layout.addLayout(grid)
        layout.addSpacing(8)
        layout.addWidget(QLabel(tr("Add an officer"), objectName="sectionTitle"))
        layout.addLayout(add_row)
        self._selected_changed()
        self.refresher = Refresher(
            tasks, lambda: list_officers(ctx, actor), self._apply, self.message.error, self
        )

    def _apply(self, rows: list[OfficerRow]) -> None:
        keep = self.selected_id()
        self.rows = rows
        s = self.ctx.settings
        self.table.setRowCount(len(rows))
        for r, o in enumerate(rows):
            if not o.active:
                state = tr("deactivated")
            elif o.locked_until is not None:
                state = tr("locked until {time}", time=local_hm(s, o.locked_until))
            else:
                state = tr("active")
            cells = [
                o.username,
                o.display_name,
                role_word(o.role),
                short_date(o.created_at.astimezone(s.office.tz)),
                state,
                tr("set") if o.has_kiosk_pin else "–",
            ]
            for c, text in enumerate(cells):
                self.table.setItem(r, c, _item(text, o.id))
            if o.id == keep:
                self.table.selectRow(r)
        self._selected_changed()
        self.loaded.emit()

    def selected_id(self) -> int | None:
        items = self.table.selectedItems()
        return int(items[0].data(ID_ROLE)) if items else None

    def _chosen(self) -> OfficerRow | None:
        """The selected officer, or None after telling the administrator to select one."""
        o = self.selected()
        if o is None:
            self.message.error(tr("Select an officer first."))
        return o

    def selected(self) -> OfficerRow | None:
        oid = self.selected_id()
        return next((o for o in self.rows if o.id == oid), None)

    def select(self, username: str) -> None:
        for r, o in enumerate(self.rows):
            if o.username == username:
                self.table.selectRow(r)

    def _selected_changed(self) -> None:
        o = self.selected()
        if o is None:
            self.chosen.setText(tr("Select an officer in the list to change them."))
        else:
            self.chosen.setText(f"{o.display_name} ({o.username}) · {role_word(o.role)}")
            self.role_box.setCurrentIndex(self.role_box.findData(str(o.role)))
        # Only the one that applies is shown (a disabled red button still reads as a warning).
        self.deactivate_button.setVisible(o is None or o.active)
        self.deactivate_button.setEnabled(o is not None)
        self.reactivate_button.setVisible(o is not None and not o.active)
        self.clear_pin_button.setEnabled(o is not None and o.has_kiosk_pin)

    def _run(self, fn: Callable[[], OfficerView], said: Callable[[OfficerView], str]) -> None:
        def done(view: OfficerView) -> None:
            self.message.info(said(view))
            self.refresher.request()

        self.tasks.run(fn, done, self.message.error)

    def add(self) -> None:
        ctx, actor = self.ctx, self.actor
        username, name = self.new_username.text(), self.new_name.text()
        role, password = str(self.new_role.currentData()), self.new_password.text()
        self.new_password.clear()

        def said(v: OfficerView) -> str:
            self.new_username.clear()
            self.new_name.clear()
            return tr(
                "{name} ({username}) can now log in as {role}.",
                name=v.display_name,
                username=v.username,
                role=role_word(v.role),
            )

        self._run(lambda: add_officer(ctx, actor, username, role, password, name), said)

    def reset_password(self) -> None:
        o = self._chosen()
        if o is None:
            return
        ctx, actor, password = self.ctx, self.actor, self.reset_edit.text()
        self.reset_edit.clear()
        self._run(
            lambda: reset_password(ctx, actor, o.id, password),
            lambda v: tr(
                "{username} has a new password (and is no longer locked).", username=v.username
            ),
        )

    def change_role(self) -> None:
        o = self._chosen()
        if o is None:
            return
        ctx, actor, role = self.ctx, self.actor, str(self.role_box.currentData())
        self._run(
            lambda: set_role(ctx, actor, o.id, role),
            lambda v: tr("{username} is now {role}.", username=v.username, role=role_word(v.role)),
        )

    def set_active(self, active: bool) -> None:
        o = self._chosen()
        if o is None:
            return
        ctx, actor = self.ctx, self.actor
        self._run(
            lambda: set_active(ctx, actor, o.id, active),
            lambda v: (
                tr("{username} is active again.", username=v.username)
                if v.active
                else tr("{username} is deactivated.", username=v.username)
            ),
        )

    def set_kiosk_pin(self) -> None:
        o = self._chosen()
        if o is None:
            return
        ctx, actor, pin = self.ctx, self.actor, self.kiosk_pin_edit.text()
        self.kiosk_pin_edit.clear()
        if not pin:
            self.message.error(tr("Type the new kiosk PIN first."))
            return
        self._run(
            lambda: set_kiosk_pin(ctx, actor, o.id, pin),
            lambda v: tr(
                "{username} signs in at the kiosk with the new kiosk PIN.", username=v.username
            ),
        )

    def clear_kiosk_pin(self) -> None:
        o = self._chosen()
        if o is None:
            return
        ctx, actor = self.ctx, self.actor
        self._run(
            lambda: set_kiosk_pin(ctx, actor, o.id, None),
            lambda v: tr("{username} has no kiosk PIN any more.", username=v.username),
        )
