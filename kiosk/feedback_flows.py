"""The kiosk's feedback flows: information pages, reporting a problem (its receipt shown,
and printed as a slip through the kiosk's print worker), and the survey that scanning a
served ticket's QR code opens. The queue calls run on the kiosk's ``Runner`` (a worker
thread), like every other queue call of the kiosk; printing runs on the print worker's."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QObject, QTimer

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
from kiosk.dates import format_datetime
from kiosk.flow_context import FlowContext
from kiosk.printing import TicketPrinter, problem_text
from kiosk.screens.base import ScreenName
from kiosk.screens.faq import FaqScreen
from kiosk.screens.feedback import ComplaintScreen, category_name
from kiosk.screens.survey import SurveyScreen
from kiosk.text import tr
from kiosk.wording import Message
from printer import SlipPrint


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


def slip_problem(problem: str) -> str:
    """Why the receipt did not come out, for the applicant."""
    if problem in ("paper_out", "cover_open", "offline"):
        return problem_text(problem)
    return tr("The receipt could not be printed.")


def complaint_slip(
    fc: FlowContext, receipt: str, filed_at: dt.datetime, category: str, answered: bool
) -> SlipPrint:
    """The printed receipt of a problem report, in the applicant's language (on the UI
    thread: the texts come from the translator in force)."""
    settings, language = fc.settings, fc.state.language
    next_steps = [tr("A supervisor of this office reads every report.")]
    if answered:
        next_steps.append(tr("You will be answered at the phone number or e-mail you gave."))
    next_steps.append(tr("To ask about your report, show this receipt at the information desk."))
    return SlipPrint(
        office_name=settings.office.name,
        title=tr("Problem report receipt"),
        number=receipt,
        rows=(
            (tr("Received"), format_datetime(fc.ctx.calendar.local(filed_at), language)),
            (tr("Topic"), category_name(category)),
        ),
        paragraphs=(" ".join(next_steps),),
        footer_lines=(settings.office.address,),
        language="en" if language == "en" else "id",
    )


class FeedbackFlows(QObject):
    def __init__(self, fc: FlowContext, printer: TicketPrinter) -> None:
        super().__init__(fc)
        self.fc = fc
        self.ctx = fc.ctx
        self.printer = printer
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.finished)
        self.filing: tuple[str, bool] = ("", False)  # the category, and whether answered
        printer.slip_printed.connect(self._slip_printed)
        printer.slip_failed.connect(self._slip_failed)

    # -- information and complaints -----------------------------------------------------

    def show_faq(self) -> None:
        screen: FaqScreen = self.fc.screen(ScreenName.FAQ)
        screen.show_topics()
        self.fc.show(ScreenName.FAQ)

    def start_complaint(self) -> None:
        screen: ComplaintScreen = self.fc.screen(ScreenName.COMPLAINT)
        screen.reset()
        self.fc.show(ScreenName.COMPLAINT)

    def file(self, category: str, text: str, contact: str, consent: bool) -> None:
        fc = self.fc
        if fc.runner.busy:
            return
        self.filing = (category, bool(contact.strip()) and consent)
        ctx = self.ctx

        def work() -> tuple[str, dt.datetime]:
            receipt = file_complaint(
                ctx, fc.actor, category, text, contact or None, consent, kiosk_id=fc.kiosk_id
            )
            return receipt, ctx.now()

        fc.show(ScreenName.BUSY)
        fc.run(work, self._filed, self._file_failed)

    def _filed(self, filed: tuple[str, dt.datetime]) -> None:
        receipt, filed_at = filed
        screen: ComplaintScreen = self.fc.screen(ScreenName.COMPLAINT)
        health = self.fc.health
        if health is not None and not health.printer_usable:
            problem = health.problem or "other"
            screen.show_receipt(receipt, lambda: slip_problem(problem))
        else:
            category, answered = self.filing
            screen.show_receipt(receipt)
            slip = complaint_slip(self.fc, receipt, filed_at, category, answered)
            self.printer.print_slip(receipt, slip)
        self.fc.show(ScreenName.COMPLAINT)
        self._linger()

    def _slip_printed(self, receipt: str) -> None:
        screen: ComplaintScreen = self.fc.screen(ScreenName.COMPLAINT)
        if screen.receipt == receipt:
            screen.set_printed()

    def _slip_failed(self, receipt: str, problem: str) -> None:
        screen: ComplaintScreen = self.fc.screen(ScreenName.COMPLAINT)
        if screen.receipt == receipt:
            screen.set_not_printed(lambda: slip_problem(problem))

    def _file_failed(self, exc: BaseException) -> None:
        if isinstance(exc, FeedbackInvalid) and exc.field == "contact":
            screen: ComplaintScreen = self.fc.screen(ScreenName.COMPLAINT)
            screen.show_problem(tr("This is not a phone number or an e-mail address."))
            self.fc.show(ScreenName.COMPLAINT)
            return
        self.fc.fail(exc)

    # -- the survey ---------------------------------------------------------------------

    def survey_scan(self, code: str) -> SurveyTicket | SurveyRefused | None:
        """On the worker thread: a scanned ticket QR opens the survey (or says why not);
        None for anything that is not one of our tickets (a booking, for check-in)."""
        code = ticket_token_of_scan(code)
        if not is_ticket_token(self.ctx, code):
            return None
        try:
            return survey_ticket(self.ctx, self.fc.actor, code)
        except SurveyRefused as exc:
            return exc

    def survey_scanned(self, result: Any) -> bool:
        """On the UI thread: True when ``result`` was a survey scan and is handled."""
        if isinstance(result, SurveyRefused):
            self.fc.show_message(lambda: survey_refusal(result))
            return True
        if isinstance(result, SurveyTicket):
            screen: SurveyScreen = self.fc.screen(ScreenName.SURVEY)
            screen.start(result)
            self.fc.show(ScreenName.SURVEY)
            return True
        return False

    def submit_survey(self, token: str, answers: list[int], comment: str) -> None:
        fc = self.fc
        if fc.runner.busy:
            return
        fc.show(ScreenName.BUSY)
        fc.run(
            lambda: submit_survey(
                self.ctx, fc.actor, token, answers, comment, kiosk_id=fc.kiosk_id
            ),
            self._surveyed,
            self._survey_failed,
        )

    def _surveyed(self, _ticket: SurveyTicket) -> None:
        screen: SurveyScreen = self.fc.screen(ScreenName.SURVEY)
        screen.show_thanks()
        self.fc.show(ScreenName.SURVEY)
        self._linger()

    def _survey_failed(self, exc: BaseException) -> None:
        if isinstance(exc, SurveyRefused):
            self.fc.show_message(lambda: survey_refusal(exc))
        else:
            self.fc.fail(exc)

    # -- the end ------------------------------------------------------------------------

    def _linger(self) -> None:
        self.timer.start(self.fc.settings.kiosk.ticket_screen_seconds * 1000)

    def finished(self) -> None:
        self.timer.stop()
        if self.fc.current not in (ScreenName.COMPLAINT, ScreenName.SURVEY):
            return
        if not self.fc.state.assisted:
            self.fc.window.reset_for_next_person()
        self.fc.go_home()
