"""The satisfaction survey after service, started by scanning the ticket's QR code: the nine
elements one at a time, each with four big face buttons (1 poor .. 4 very good), then an
optional comment, then thanks."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from db.ops.feedback import SurveyTicket
from db.rules.feedback import ELEMENTS
from kiosk.screens.base import KioskState, Screen, ScreenName
from kiosk.screens.feedback import TextPad
from kiosk.text import tr
from kiosk.widgets import make_label, touch_px

COMMENT_LIMIT = 200
FACE_COLOURS = {1: "#D64545", 2: "#F29D38", 3: "#8CC152", 4: "#2E9E5B"}
FACE_PX = 110


def question(element: str) -> str:
    return {
        "requirements": tr("Were the requirements for this service clear and fitting?"),
        "procedure": tr("How easy was the procedure?"),
        "time": tr("How quickly were you served?"),
        "cost": tr("Was the fee fair?"),
        "product": tr("Was the result what the service standard promises?"),
        "competence": tr("How capable were the officers?"),
        "behaviour": tr("How polite and friendly were the officers?"),
        "complaint_handling": tr("How well does this office handle complaints?"),
        "facilities": tr("How good are the facilities (waiting room, seats, toilets)?"),
    }[element]


def rating_name(value: int) -> str:
    return {1: tr("Poor"), 2: tr("Fair"), 3: tr("Good"), 4: tr("Very good")}[value]


def face_pixmap(value: int, size: int = FACE_PX) -> QPixmap:
    """A face drawn by hand (no emoji font needed): from a frown (1) to a big smile (4)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = float(size)
    p.setPen(QPen(QColor("#1B1F2A"), s * 0.04))
    p.setBrush(QColor(FACE_COLOURS[value]))
    p.drawEllipse(QRectF(s * 0.05, s * 0.05, s * 0.9, s * 0.9))
    p.setBrush(QColor("#1B1F2A"))
    for x in (0.36, 0.64):
        p.drawEllipse(QPointF(s * x, s * 0.4), s * 0.055, s * 0.065)
    bend = {1: -0.14, 2: -0.05, 3: 0.08, 4: 0.16}[value]
    mouth = QPainterPath(QPointF(s * 0.3, s * (0.68 - bend / 2)))
    mouth.quadTo(QPointF(s * 0.5, s * (0.68 + bend)), QPointF(s * 0.7, s * (0.68 - bend / 2)))
    p.setBrush(Qt.BrushStyle.NoBrush)
    pen = QPen(QColor("#1B1F2A"), s * 0.05)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    p.setPen(pen)
    p.drawPath(mouth)
    p.end()
    return pixmap


class FaceButton(QPushButton):
    """A big answer button: the face above its word (both labels ignore the mouse)."""

    def __init__(self, value: int) -> None:
        super().__init__()
        self.value = value
        self.setObjectName(f"survey_answer_{value}")
        self.setProperty("role", "secondary")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.face = QLabel()
        self.face.setPixmap(face_pixmap(value))
        self.face.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.word = make_label("h2", f"survey_answer_{value}_word", center=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 14, 8, 14)
        for label in (self.face, self.word):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(label)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumSize(touch_px() * 2, FACE_PX + touch_px())

    def sizeHint(self) -> QSize:
        return QSize(FACE_PX + 40, self.heightForWidth(FACE_PX + 40))

    def minimumSizeHint(self) -> QSize:
        return QSize(FACE_PX + 40, self.heightForWidth(FACE_PX + 40))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        height = layout.totalHeightForWidth(width) if layout is not None else 0
        return max(height, FACE_PX + touch_px())


class SurveyScreen(Screen):
    name = ScreenName.SURVEY
    back = Signal()
    submitted = Signal(str, list, str)  # ticket token, nine answers, comment
    done = Signal()

    QUESTION, COMMENT, THANKS = range(3)

    def __init__(self, state: KioskState) -> None:
        super().__init__(state)
        self.ticket: SurveyTicket | None = None
        self.answers: list[int] = []
        self.steps = QStackedWidget()
        self.body.addWidget(self.steps, 1)
        ask = QWidget()
        ask_layout = QVBoxLayout(ask)
        ask_layout.setContentsMargins(0, 0, 0, 0)
        ask_layout.setSpacing(24)
        self.progress = make_label("muted", "survey_progress")
        self.question = make_label("h2", "survey_question")
        ask_layout.addWidget(self.progress)
        ask_layout.addWidget(self.question)
        row = QHBoxLayout()
        row.setSpacing(16)
        self.faces = [FaceButton(v) for v in (1, 2, 3, 4)]
        for face in self.faces:
            face.clicked.connect(lambda _=False, v=face.value: self.answer(v))
            row.addWidget(face)
        ask_layout.addLayout(row)
        self.scale_note = make_label("muted", "survey_scale_note")
        ask_layout.addWidget(self.scale_note)
        ask_layout.addStretch(1)
        self.steps.addWidget(ask)
        comment = QWidget()
        comment_layout = QVBoxLayout(comment)
        comment_layout.setContentsMargins(0, 0, 0, 0)
        self.comment_prompt = make_label("body", "survey_comment_prompt")
        self.comment_pad = TextPad("survey_comment", COMMENT_LIMIT)
        comment_layout.addWidget(self.comment_prompt)
        comment_layout.addWidget(self.comment_pad)
        comment_layout.addStretch(1)
        self.steps.addWidget(comment)
        thanks = QWidget()
        thanks_layout = QVBoxLayout(thanks)
        thanks_layout.addStretch(1)
        self.thanks = make_label("status_ok", "survey_thanks", center=True)
        self.thanks_hint = make_label("body", "survey_thanks_hint", center=True)
        thanks_layout.addWidget(self.thanks)
        thanks_layout.addWidget(self.thanks_hint)
        thanks_layout.addStretch(2)
        self.steps.addWidget(thanks)
        self.back_button = self.add_action("survey_back")
        self.back_button.clicked.connect(self.go_back)
        self.actions.addStretch(1)
        self.send_button = self.add_action("survey_send", "primary")
        self.send_button.clicked.connect(self.send)

    def start(self, ticket: SurveyTicket) -> None:
        self.ticket = ticket
        self.answers = []
        self.comment_pad.clear()
        self.steps.setCurrentIndex(self.QUESTION)
        self.retranslate()

    @property
    def step(self) -> int:
        return self.steps.currentIndex()

    def answer(self, value: int) -> None:
        self.answers.append(value)
        if len(self.answers) == len(ELEMENTS):
            self.steps.setCurrentIndex(self.COMMENT)
        self.retranslate()

    def go_back(self) -> None:
        if self.step == self.COMMENT or (self.step == self.QUESTION and self.answers):
            self.answers.pop()
            self.steps.setCurrentIndex(self.QUESTION)
            self.retranslate()
        else:
            self.back.emit()

    def send(self) -> None:
        if self.step == self.THANKS:
            self.done.emit()
        elif self.step == self.COMMENT and self.ticket is not None:
            self.submitted.emit(self.ticket.token, list(self.answers), self.comment_pad.text)

    def show_thanks(self) -> None:
        self.steps.setCurrentIndex(self.THANKS)
        self.retranslate()

    def retranslate(self) -> None:
        step = self.step
        number = self.ticket.number if self.ticket else ""
        self.heading.setText(tr("How was our service?"))
        n = min(len(self.answers), len(ELEMENTS) - 1)
        self.progress.setText(
            tr("Ticket {number} · question {n} of {total}", number=number, n=n + 1, total=9)
        )
        self.question.setText(question(ELEMENTS[n]))
        for face in self.faces:
            face.word.setText(rating_name(face.value))
        self.scale_note.setText(tr("Touch the face that fits best."))
        self.comment_prompt.setText(tr("Anything else you would like to tell us? (optional)"))
        self.thanks.setText(tr("Thank you for your answers!"))
        self.thanks_hint.setText(tr("They help us serve you better."))
        self.back_button.setText(tr("Back"))
        self.back_button.setVisible(step != self.THANKS)
        self.send_button.setText(tr("Done") if step == self.THANKS else tr("Send"))
        self.send_button.setVisible(step != self.QUESTION)
