"""Certificates of attendance from the window (Auswertung → Teilnahmebescheinigungen …): whom
(every guest present, those present in one session, the guests selected in the list), into one
PDF or one file per guest, the event's certificate text and signature, a preview of the first
page. Preview and certificates are made on a worker with its own connection; progress and
cancel as for every export."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kosi_checkin.domain.model import CertificateText
from kosi_checkin.domain.values import dataclass, replace
from kosi_checkin.i18n import _, ngettext
from kosi_checkin.services.certificate_settings import (
    certificate_text,
    save_certificate_text,
    set_signature,
    signature,
)
from kosi_checkin.services.certificates import Issued
from kosi_checkin.services.event_config import text_problem
from kosi_checkin.services.event_context import EventContext
from kosi_checkin.shared.url import is_shared
from kosi_checkin.shared.url import stem as event_stem
from kosi_checkin.ui.badges.preview import render_pages
from kosi_checkin.ui.errors import show_error
from kosi_checkin.ui.file_dialogs import folder_name, open_file_name, save_file_name
from kosi_checkin.ui.job_dialog import JobDialog
from kosi_checkin.ui.screen_fit import fit_on_screen
from kosi_checkin.ui.workers import Job, run_job

PREVIEW_DPI = 54  # an A4 page 630 px high, shown at 440: beside the form on a 1366 × 768 screen
PREVIEW_SIZE = (311, 440)


@dataclass(frozen=True)
class Choice:
    """Whom the certificates are for, and where they go (plain values for the worker)."""

    session_id: str | None
    attendee_ids: tuple[str, ...]


@dataclass(frozen=True)
class Preview:
    count: int
    image: QImage | None


def _preview(location: str, choice: Choice, text: CertificateText) -> Preview:
    """Worker: how many certificates the choice makes, and its first page (with ``text``, as
    edited, saved or not) as an image."""
    from kosi_checkin.report.attendance import Attendance
    from kosi_checkin.report.certificates import write_certificates
    from kosi_checkin.services.certificates import look_of, select
    from kosi_checkin.services.events import open_event

    conn, event = open_event(location)
    try:
        chosen = select(Attendance.load(conn, event), choice.session_id, choice.attendee_ids)
        if not chosen:
            return Preview(0, None)
        look = look_of(conn, replace(event, certificate=text))
    finally:
        conn.close()
    with tempfile.TemporaryDirectory(prefix="kosi-certificate-") as folder:
        pdf = Path(folder) / "preview.pdf"
        write_certificates(pdf, chosen[:1], look)
        images = render_pages(pdf, PREVIEW_DPI)
    return Preview(len(chosen), images[0] if images else None)


class CertificatesDialog(JobDialog):
    def __init__(self, opened: EventContext, selected_ids: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent, _("Make certificates …"))
        self.setWindowTitle(_("Certificates of attendance"))
        self.location, self.conn, self.kosi_event = str(opened.location), opened.conn, opened.event
        self.selected = tuple(selected_ids)
        self.written: tuple[Path, ...] = ()
        self.count = 0
        self._previews = 0  # how many previews were asked for: only the newest answer is shown

        self.whom = QButtonGroup(self)
        self.everyone = QRadioButton(_("Every guest present"))
        self.in_session = QRadioButton(_("Those present in the session"))
        self.chosen = QRadioButton(ngettext("The guest selected in the list ({n})",
                                            "The guests selected in the list ({n})", len(self.selected)).format(
                                                n=len(self.selected)))
        self.chosen.setEnabled(bool(self.selected))
        for button in (self.everyone, self.in_session, self.chosen):
            self.whom.addButton(button)
        (self.chosen if self.selected else self.everyone).setChecked(True)
        self.session_box = QComboBox()
        self.session_box.setObjectName("sessionBox")
        for session in self.kosi_event.sessions:
            self.session_box.addItem(session.short_title, session.id)
            self.session_box.setItemData(self.session_box.count() - 1, session.title, Qt.ItemDataRole.ToolTipRole)
        self.one_file = QRadioButton(_("One PDF with every certificate"))
        self.per_guest = QRadioButton(_("One file per guest, in a folder"))
        self.one_file.setChecked(True)
        self.files = QButtonGroup(self)
        self.files.addButton(self.one_file)
        self.files.addButton(self.per_guest)

        text = certificate_text(self.conn)
        self.text_de = QPlainTextEdit(text.text)
        self.text_en = QPlainTextEdit(text.text_en)
        for box, language_name in ((self.text_de, _("German")), (self.text_en, _("English"))):
            box.setPlaceholderText(_("Empty: the app's default text ({language})").format(language=language_name))
            box.setTabChangesFocus(True)
            box.setFixedHeight(54)
        self.signer = QLineEdit(text.signer)
        self.signer_role = QLineEdit(text.signer_role)
        self.place = QLineEdit(text.place)
        self.signature_label = QLabel()
        self.signature_button = QPushButton(_("Signature image …"))
        self.signature_button.clicked.connect(self.choose_signature)
        self.no_signature = QPushButton(_("Remove"))
        self.no_signature.clicked.connect(lambda: self._set_signature(None))
        self._show_signature()
        self.save_text_button = QPushButton(_("Save text"))
        self.save_text_button.setObjectName("saveTextButton")
        self.save_text_button.clicked.connect(lambda: self.save_text())

        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        self.preview = QLabel()
        self.preview.setObjectName("certificatePreview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setFixedSize(PREVIEW_SIZE[0] + 2, PREVIEW_SIZE[1] + 2)
        self.preview.setStyleSheet("background: white; border: 1px solid #999;")

        whom = QFormLayout()
        whom.addRow(self.everyone)
        session_row = QHBoxLayout()
        session_row.addWidget(self.in_session)
        session_row.addWidget(self.session_box, 1)
        whom.addRow(session_row)
        whom.addRow(self.chosen)
        whom_box = QGroupBox(_("Whom"))
        whom_box.setLayout(whom)
        files = QHBoxLayout()
        files.addWidget(self.one_file)
        files.addWidget(self.per_guest)
        files.addStretch(1)
        files_box = QGroupBox(_("Files"))
        files_box.setLayout(files)
        text_form = QFormLayout()
        text_form.addRow(_("Closing text (German):"), self.text_de)
        text_form.addRow(_("Closing text (English):"), self.text_en)
        text_form.addRow(_("Signed by:"), self.signer)
        text_form.addRow(_("Role:"), self.signer_role)
        text_form.addRow(_("Place of issue:"), self.place)
        signature_row = QHBoxLayout()
        signature_row.addWidget(self.signature_label, 1)
        signature_row.addWidget(self.signature_button)
        signature_row.addWidget(self.no_signature)
        text_form.addRow(_("Signature:"), signature_row)
        text_form.addRow("", self.save_text_button)
        text_box = QGroupBox(_("Text of the certificate"))
        text_box.setLayout(text_form)
        left = QVBoxLayout()
        left.addWidget(whom_box)
        left.addWidget(files_box)
        left.addWidget(text_box)
        left.addWidget(self.count_label)
        left.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addWidget(self.preview, 2, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.status)
        layout.addLayout(self.button_row())

        self.later = QTimer(self)
        self.later.setSingleShot(True)
        self.later.setInterval(300)  # typing in the text: one preview when the typing pauses
        self.later.timeout.connect(self.update_preview)
        for button in (self.everyone, self.in_session, self.chosen):
            button.toggled.connect(lambda _on: self.later.start())
        self.session_box.currentIndexChanged.connect(lambda _i: self._session_chosen())
        for line in (self.signer, self.signer_role, self.place):
            line.textChanged.connect(lambda _t: self.later.start())
        for box in (self.text_de, self.text_en):
            box.textChanged.connect(self.later.start)
        fit_on_screen(self, 1060, 700)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self.update_preview()

    def done(self, result: int) -> None:
        self.later.stop()  # no preview after closing (the event may be closed by then)
        super().done(result)

    # -- whom -------------------------------------------------------------------------------
    def _session_chosen(self) -> None:
        self.in_session.setChecked(True)
        self.later.start()

    def choice(self) -> Choice:
        if self.in_session.isChecked():
            return Choice(str(self.session_box.currentData()), ())
        if self.chosen.isChecked():
            return Choice(None, self.selected)
        return Choice(None, ())

    # -- the text ---------------------------------------------------------------------------
    def edited_text(self) -> CertificateText:
        return CertificateText(self.text_de.toPlainText().strip(), self.text_en.toPlainText().strip(),
                               self.signer.text().strip(), self.signer_role.text().strip(), self.place.text().strip())

    def save_text(self) -> bool:
        """Keep the text in the event file (the certificates use what is saved; making them saves)."""
        text = self.edited_text()
        if text == certificate_text(self.conn):
            return True
        try:
            self.kosi_event = save_certificate_text(self.conn, self.kosi_event, text)
        except Exception as exc:  # noqa: BLE001 - a bad placeholder: said, nothing saved
            show_error(self, exc)
            return False
        self.status.setText(_("The certificate text is saved in the event."))
        return True

    def choose_signature(self) -> None:
        name = open_file_name(self, _("Signature image"), str(Path.home()), _("Images (*.png *.jpg *.jpeg)"))
        if name:
            self._set_signature(Path(name))

    def _set_signature(self, path: Path | None) -> None:
        try:
            set_signature(self.conn, path)
        except Exception as exc:  # noqa: BLE001 - an unreadable image: said, nothing changed
            show_error(self, exc)
            return
        self._show_signature()
        self.update_preview()

    def _show_signature(self) -> None:
        image = signature(self.conn)
        self.signature_label.setText(_("set ({kb} kB)").format(kb=max(1, len(image) // 1024)) if image else _("none"))
        self.no_signature.setEnabled(image is not None)

    # -- preview ----------------------------------------------------------------------------
    def update_preview(self) -> None:
        """Count and draw again with the text as edited (only while the dialog is shown: its
        event may be closed after)."""
        if not self.isVisible() or self.job is not None:
            return
        location, choice, text = self.location, self.choice(), self.edited_text()
        problem = text_problem(text.text) or text_problem(text.text_en)
        if problem:
            self.count_label.setText("⚠ " + problem)
            return
        self.count_label.setText(_("Counting …"))
        self._previews += 1
        asked = self._previews
        run_job(lambda _job: _preview(location, choice, text), lambda preview: self._previewed(preview, asked),
                lambda exc: self._preview_failed(exc, asked), owner=self)

    def _previewed(self, preview: Preview, asked: int) -> None:
        if asked != self._previews:
            return  # a later choice or text is being previewed (two workers may answer out of order)
        self.count = preview.count
        self.count_label.setText(ngettext("{n} certificate: one for each guest present among those chosen.",
                                          "{n} certificates: one for each guest present among those chosen.",
                                          preview.count).format(n=preview.count) if preview.count else
                                 _("Nobody of those chosen was present: there is no certificate to make."))
        self.start_button.setEnabled(preview.count > 0 and self.job is None)
        if preview.image is None:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(_("No preview"))
        else:
            self.preview.setPixmap(QPixmap.fromImage(preview.image).scaled(
                *PREVIEW_SIZE, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation))

    def _preview_failed(self, exc: BaseException, asked: int) -> None:
        if asked == self._previews:
            self.count_label.setText("⚠ " + str(exc))

    # -- the certificates -------------------------------------------------------------------
    def start(self, out: Path | None = None) -> None:
        """Ask where to (unless ``out`` is given: tests), then make them in the background."""
        if not self.save_text():
            return
        split = self.per_guest.isChecked()
        if out is None:
            folder = Path.home() if is_shared(self.location) else Path(self.location).parent
            if split:
                name = folder_name(self, _("Folder for the certificates"), str(folder))
            else:
                suggested = folder / f"{event_stem(self.location)} – {_('Certificates of attendance')}.pdf"
                name = save_file_name(self, self.windowTitle(), str(suggested), "PDF (*.pdf)")
            if not name:
                return
            out = Path(name)
        location, choice = self.location, self.choice()

        def work(job: Job) -> Issued:
            from kosi_checkin.services.certificates import issue
            from kosi_checkin.services.events import open_event

            conn, event = open_event(location)
            try:
                issued = issue(conn, event, None if split else out, split=out if split else None,
                               session_id=choice.session_id, attendee_ids=choice.attendee_ids,
                               progress=job.report, cancelled=job.cancel)
            finally:
                conn.close()
            return issued

        self.run(work, self._done)

    def _done(self, issued: Issued) -> None:
        self.written = issued.files
        if not issued.certificates:
            self.status.setText(_("Nobody of those chosen was present: no certificate was written."))
            return
        where = issued.files[0].parent if len(issued.files) > 1 else issued.files[0]
        self.status.setText(ngettext("{n} certificate saved: {path}", "{n} certificates saved: {path}",
                                     issued.certificates).format(n=issued.certificates, path=where))
