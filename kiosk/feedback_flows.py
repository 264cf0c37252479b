"""The kiosk's feedback flows: information pages, reporting a problem, and the survey that
scanning a served ticket's QR code opens. The queue calls run on the kiosk's ``Runner``
(a worker thread), like every other queue call of the kiosk."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer

from config.settings import Channel
from db.io.ticket_link import ticket_token_of_scan
from db.ops.feedback import (
    FeedbackInvalid,
    SurveyRefusal,
    SurveyRefused,
    SurveyTicket,
    file_complaint,
    is_ticket_token,
    submit_survey,
    survey_ticket,
)
from kiosk.screens.faq import FaqScreen
from kiosk.screens.feedback import ComplaintScreen
from kiosk.screens.survey import SurveyScreen
from kiosk.text import tr
from kiosk.wording import Message, refusal

if TYPE_CHECKING:
    from kiosk.flows import KioskFlows


def survey_refusal(exc: SurveyRefused) -> Message:
    bodies = {
        SurveyRefusal.UNKNOWN_TICKET: tr("This QR code is not a ticket of this office."),
        SurveyRefusal.NOT_SERVED: tr(
            "Ticket {number} has not been served yet. The survey opens after your service.",
            number=exc.ticket_number,
        ),
        SurveyRefusal.TOO_LATE: tr(
            "Ticket {number} was served too long ago to be rated.", number=exc.ticket_number
        ),
        SurveyRefusal.ALREADY_GIVEN: tr(
            "The survey for ticket {number} was already given. Thank you!",
            number=exc.ticket_number,
        ),
    }
    return Message(f"survey_{exc.reason}", tr("Survey not possible"), bodies[exc.reason])


class FeedbackFlows(QObject):
    def __init__(self, flows: KioskFlows) -> None:
        super().__init__(flows)
        self.flows = flows
        self.ctx = flows.ctx
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._finished)
        faq: FaqScreen = flows.screen("faq")
        faq.back.connect(flows.go_home)
        faq.ticket.connect(lambda: flows.confirm("info", Channel.WALK_IN))
        complaint: ComplaintScreen = flows.screen("complaint")
        complaint.back.connect(flows.go_home)
        complaint.submitted.connect(self.file)
        complaint.done.connect(self._finished)
        survey: SurveyScreen = flows.screen("survey")
        survey.back.connect(flows.go_home)
        survey.submitted.connect(self.submit_survey)
        survey.done.connect(self._finished)

    # -- information and complaints -----------------------------------------------------

    def show_faq(self) -> None:
        screen: FaqScreen = self.flows.screen("faq")
        screen.show_topics()
        self.flows.show("faq")

    def start_complaint(self) -> None:
        screen: ComplaintScreen = self.flows.screen("complaint")
        screen.reset()
        self.flows.show("complaint")

    def file(self, category: str, text: str, contact: str, consent: bool) -> None:
        flows = self.flows
        if flows.runner.busy:
            return
        flows.show("busy")
        flows.runner.run(
            lambda: file_complaint(
                self.ctx, flows.actor, category, text, contact or None, consent,
                kiosk_id=flows.kiosk_id,
            ),
            self._filed,
            self._file_failed,
        )  # fmt: skip

    def _filed(self, receipt: str) -> None:
        screen: ComplaintScreen = self.flows.screen("complaint")
        screen.show_receipt(receipt)
        self.flows.show("complaint")
        self._linger()

    def _file_failed(self, exc: BaseException) -> None:
        if isinstance(exc, FeedbackInvalid) and exc.field == "contact":
            screen: ComplaintScreen = self.flows.screen("complaint")
            screen.show_problem(tr("This is not a phone number or an e-mail address."))
            self.flows.show("complaint")
            return
        self.flows.show_message(refusal(self.ctx, exc, self.flows.window.state.language))

    # -- the survey ---------------------------------------------------------------------

    def survey_scan(self, code: str) -> SurveyTicket | SurveyRefused | None:
        """On the worker thread: a scanned ticket QR opens the survey (or says why not);
        None for anything that is not one of our tickets (a booking, for check-in)."""
        code = ticket_token_of_scan(code)
        if not is_ticket_token(self.ctx, code):
            return None
        try:
            return survey_ticket(self.ctx, self.flows.actor, code)
        except SurveyRefused as exc:
            return exc

    def survey_scanned(self, result: Any) -> bool:
        """On the UI thread: True when ``result`` was a survey scan and is handled."""
        if isinstance(result, SurveyRefused):
            self.flows.show_message(survey_refusal(result))
            return True
        if isinstance(result, SurveyTicket):
            screen: SurveyScreen = self.flows.screen("survey")
            screen.start(result)
            self.flows.show("survey")
            return True
        return False

    def submit_survey(self, token: str, answers: list[int], comment: str) -> None:
        flows = self.flows
        if flows.runner.busy:
            return
        flows.show("busy")
        flows.runner.run(
            lambda: submit_survey(
                self.ctx, flows.actor, token, answers, comment, kiosk_id=flows.kiosk_id
            ),
            self._surveyed,
            self._survey_failed,
        )

    def _surveyed(self, _ticket: SurveyTicket) -> None:
        screen: SurveyScreen = self.flows.screen("survey")
        screen.show_thanks()
        self.flows.show("survey")
        self._linger()

    def _survey_failed(self, exc: BaseException) -> None:
        if isinstance(exc, SurveyRefused):
            self.flows.show_message(survey_refusal(exc))
        else:
            self.flows.show_message(refusal(self.ctx, exc, self.flows.window.state.language))

    # -- the end ------------------------------------------------------------------------

    def _linger(self) -> None:
        self.timer.start(self.flows.settings.kiosk.ticket_screen_seconds * 1000)

    def _finished(self) -> None:
        self.timer.stop()
        if self.flows.window.current not in ("complaint", "survey"):
            return
        if not self.flows.window.state.assisted:
            self.flows.window.reset_for_next_person()
        self.flows.go_home()
