"""Report a problem: what went wrong (big tiles), an optional text and an optional phone or
e-mail (both on the kiosk's own keyboard; the contact only with consent), then the receipt
number, large on screen and printed (or, when the printer cannot, to be noted down).
Shared with the survey: ``TextPad``, a display over the keyboard."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from db.rules.feedback import CATEGORIES
from kiosk.screens.base import KioskState, Screen, ScreenName, centered
from kiosk.text import tr
from kiosk.widgets import FixedLines, Keyboard, ResponsiveGrid, Tile, make_button, make_label

TEXT_LIMIT = 200  # what is sensible to type on a kiosk; the queue takes up to 1000
CONTACT_LIMIT = 60
SYMBOLS = "@.-_+"


def category_name(code: str) -> str:
    return {
        "app_unreachable": tr("The online booking app cannot be reached"),
        "verification_failed": tr("E-mail or account verification failed"),
        "quota_full": tr("The quota was full when I tried to book"),
        "phone_not_supported": tr("My phone is not supported"),
        "no_smartphone": tr("I have no smartphone"),
        "office_problem": tr("A problem in this office"),
        "other": tr("Something else"),
    }.get(code, code)


class TextPad(QWidget):
    """What was typed, shown large, above the on-screen keyboard (A-Z, 0-9, space; with
    ``symbols`` also the characters of e-mail addresses)."""

    changed = Signal(str)

    def __init__(self, name: str, limit: int, symbols: bool = False) -> None:
        super().__init__()
        self.setObjectName(name)
        self.limit = limit
        self.text = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        self.display = make_label("code", f"{name}_display")
        layout.addWidget(self.display)
        self.keyboard = Keyboard(f"{name}_keyboard", space=True)
        self.keyboard.typed.connect(self.type)
        self.keyboard.erased.connect(self.erase)
        layout.addWidget(centered(self.keyboard))
        if symbols:
            # Beside the space bar: the keyboard's last row is stretch, space, ⌫, stretch.
            rows = self.keyboard.layout()
            assert rows is not None
            bottom = rows.itemAt(rows.count() - 1).layout()
            assert isinstance(bottom, QHBoxLayout)
            for i, char in enumerate(SYMBOLS):
                key = make_button(f"{name}_keyboard_key_{char}", "key")
                key.setText(char)
                key.clicked.connect(lambda _=False, c=char: self.type(c))
                bottom.insertWidget(1 + i, key)
        self._show()

    def type(self, char: str) -> None:
        if len(self.text) < self.limit:
            self.text += char
        self._show()

    def erase(self) -> None:
        self.text = self.text[:-1]
        self._show()

    def clear(self) -> None:
        self.text = ""
        self._show()

    def _show(self) -> None:
        self.display.setText(self.text or " ")
        self.changed.emit(self.text)


class ComplaintScreen(Screen):
    """Four steps in one screen: category, text, contact, receipt."""

    name = ScreenName.COMPLAINT
    back = Signal()
    submitted = Signal(str, str, str, bool)  # category, text, contact, consent
    done = Signal()

    CATEGORY, TEXT, CONTACT, RECEIPT = range(4)
    PRINTING, PRINTED, NOT_PRINTED = "printing", "printed", "not_printed"

    def __init__(self, state: KioskState) -> None:
        super().__init__(state)
        self.category = ""
        self.receipt = ""
        self.problem = ""
        self.printing = self.PRINTING
        self.print_problem: Callable[[], str] = lambda: ""
        self.prompt = self.add_label("body", "complaint_prompt")
        self.steps = QStackedWidget()
        self.body.addWidget(self.steps, 1)
        grid = ResponsiveGrid(portrait=1, landscape=2)
        self.tiles: dict[str, Tile] = {}
        for code in CATEGORIES:
            tile = Tile(f"complaint_category_{code}")
            tile.clicked.connect(lambda _=False, c=code: self.choose(c))
            self.tiles[code] = tile
        grid.set_widgets(list(self.tiles.values()))
        self.steps.addWidget(self._page(grid))
        self.text_pad = TextPad("complaint_text", TEXT_LIMIT)
        self.steps.addWidget(self._page(self.text_pad))
        contact = QWidget()
        contact_layout = QVBoxLayout(contact)
        contact_layout.setContentsMargins(0, 0, 0, 0)
        self.consent = make_label("muted", "complaint_consent")
        self.problem_label = make_label("status_bad", "complaint_problem")
        self.contact_pad = TextPad("complaint_contact", CONTACT_LIMIT, symbols=True)
        self.contact_pad.changed.connect(lambda _t: self._update_actions())
        self.skip_button = make_button("complaint_skip", "secondary")
        self.skip_button.clicked.connect(self.skip)
        consent_row = QHBoxLayout()
        consent_row.setSpacing(20)
        consent_row.addWidget(self.consent, 1)
        consent_row.addWidget(self.skip_button)
        contact_layout.addLayout(consent_row)
        contact_layout.addWidget(self.problem_label)
        contact_layout.addWidget(self.contact_pad)
        self.steps.addWidget(self._page(contact))
        receipt = QWidget()
        receipt_layout = QVBoxLayout(receipt)
        receipt_layout.addStretch(1)
        self.thanks = make_label("status_ok", "complaint_thanks", center=True)
        self.receipt_label = make_label("muted", "complaint_receipt_label", center=True)
        self.receipt_number = make_label("receipt", "complaint_receipt", center=True)
        # Two lines kept for what the printer did: the number never moves when it changes.
        self.receipt_printer = FixedLines("body", "complaint_receipt_printer", lines=2, center=True)
        self.receipt_hint = make_label("body", "complaint_receipt_hint", center=True)
        for label in (
            self.thanks,
            self.receipt_label,
            self.receipt_number,
            self.receipt_printer,
            self.receipt_hint,
        ):
            receipt_layout.addWidget(label)
        receipt_layout.addStretch(2)
        self.steps.addWidget(receipt)
        self.back_button = self.add_action("complaint_back")
        self.back_button.clicked.connect(self.go_back)
        self.actions.addStretch(1)
        self.next_button = self.add_action("complaint_next", "primary")
        self.next_button.clicked.connect(self.next)

    @staticmethod
    def _page(widget: QWidget) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(widget)
        layout.addStretch(1)
        return page

    @property
    def step(self) -> int:
        return self.steps.currentIndex()

    def reset(self) -> None:
        self.category = self.receipt = self.problem = ""
        self.text_pad.clear()
        self.contact_pad.clear()
        self.steps.setCurrentIndex(self.CATEGORY)
        self.retranslate()

    def choose(self, code: str) -> None:
        self.category = code
        self._go(self.TEXT)

    def _go(self, step: int) -> None:
        self.problem = ""
        self.steps.setCurrentIndex(step)
        self.retranslate()

    def go_back(self) -> None:
        if self.step == self.CATEGORY:
            self.back.emit()
        else:
            self._go(self.step - 1)

    def skip(self) -> None:
        """Send without a contact."""
        self.submitted.emit(self.category, self.text_pad.text, "", False)

    def next(self) -> None:
        if self.step == self.TEXT:
            self._go(self.CONTACT)
        elif self.step == self.CONTACT:
            self.submitted.emit(self.category, self.text_pad.text, self.contact_pad.text, True)
        elif self.step == self.RECEIPT:
            self.done.emit()

    def show_problem(self, text: str) -> None:
        """The contact was refused (not a phone number or e-mail address)."""
        self.steps.setCurrentIndex(self.CONTACT)
        self.retranslate()
        self.problem = text
        self.problem_label.setText(text)
        self.problem_label.setVisible(True)

    def show_receipt(self, receipt: str, not_printed: Callable[[], str] | None = None) -> None:
        """The receipt number, being printed; or, with ``not_printed`` (the printer's
        problem, worded again after a language switch), to be noted down."""
        self.receipt = receipt
        self.printing = self.PRINTING if not_printed is None else self.NOT_PRINTED
        self.print_problem = not_printed or (lambda: "")
        self._go(self.RECEIPT)

    def set_printed(self) -> None:
        self.printing = self.PRINTED
        self.retranslate()

    def set_not_printed(self, problem: Callable[[], str]) -> None:
        self.printing, self.print_problem = self.NOT_PRINTED, problem
        self.retranslate()

    def _update_actions(self) -> None:
        step = self.step
        self.back_button.setVisible(step != self.RECEIPT)
        self.next_button.setEnabled(step != self.CONTACT or bool(self.contact_pad.text.strip()))
        self.next_button.setVisible(step != self.CATEGORY)

    def retranslate(self) -> None:
        step = self.step
        self.heading.setText(tr("Report a problem"))
        prompts = {
            self.CATEGORY: tr("What went wrong?"),
            self.TEXT: "",
            self.CONTACT: tr("Would you like an answer? Type your phone number or e-mail."),
            self.RECEIPT: "",
        }
        prompt = prompts[step]
        if step == self.TEXT:
            prompt = tr(
                "{category}. Tell us more if you like (optional).",
                category=category_name(self.category),
            )
        self.prompt.setText(prompt)
        self.prompt.setVisible(bool(prompt))
        for code, tile in self.tiles.items():
            tile.set_texts(category_name(code))
        self.consent.setText(
            tr(
                "Your phone number or e-mail is used only to answer this report and is seen "
                "only by the office's supervisors. By touching \u201cAgree and send\u201d you "
                "agree to this."
            )
        )
        self.problem_label.setText(self.problem)
        self.problem_label.setVisible(bool(self.problem))
        self.thanks.setText(tr("Thank you. Your report was received."))
        self.receipt_label.setText(tr("Your receipt number"))
        self.receipt_number.setText(self.receipt or " ")
        if self.printing == self.PRINTED:
            printer = tr("Your receipt is printed: please take it from the printer.")
            hint = tr("The information desk can look up your report with this number.")
        elif self.printing == self.NOT_PRINTED:
            printer = self.print_problem() or tr("The receipt could not be printed.")
            hint = tr("Please note it down: the information desk can look up your report with it.")
        else:
            printer = tr("Your receipt is being printed.")
            hint = tr("The information desk can look up your report with this number.")
        self.receipt_printer.setText(printer)
        self.receipt_hint.setText(hint)
        self.back_button.setText(tr("Back"))
        self.skip_button.setText(tr("Send without contact"))
        self.next_button.setText(
            {
                self.TEXT: tr("Next"),
                self.CONTACT: tr("Agree and send"),
                self.RECEIPT: tr("Done"),
            }.get(step, tr("Next"))
        )
        self._update_actions()
