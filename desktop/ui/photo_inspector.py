"""The inspector for one photo: every editable field, tags, provenance and earlier values.

Edits save as you go: line edits on editingFinished, the caption on focus-out or after a short
pause in typing. There is no Save button to forget.

In a shared library a colleague may save the photo while this desk is typing into it: the
inspector then keeps the typing (and the version it was typed against) and shows a banner
instead of reloading; saving hits the version check and the conflict dialog takes over.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.library_records import EditInfo, PhotoDetail, TagChange
from desktop.services import browse
from desktop.services.library import Library, LibraryError
from desktop.ui.change_banner import ChangeBanner, last_editor
from desktop.ui.edit_controller import EditController
from desktop.ui.tag_chips import TagChips, TagEntry

IPTC_CAPTION_BYTES = 2000
CAPTION_IDLE_MS = 1200
LINE_FIELDS = ("headline", "credit", "byline", "copyright", "taken_at", "city", "country")
LABELS = {
    "headline": "Headline",
    "credit": "Credit",
    "byline": "Byline",
    "copyright": "Copyright",
    "taken_at": "Date",
    "city": "City",
    "country": "Country",
}


def caption_bytes(text: str) -> int:
    return len(text.encode("utf-8"))


def field_texts(d: PhotoDetail) -> dict[str, str]:
    """Every editable value as the inspector's widgets show it ("" for none)."""
    s = d.summary
    return {
        "caption": (s.caption or "").strip(),
        "headline": d.headline or "",
        "credit": s.credit or "",
        "byline": s.byline or "",
        "copyright": d.copyright or "",
        "taken_at": s.taken_at.isoformat(sep=" ", timespec="minutes") if s.taken_at else "",
        "city": d.city or "",
        "country": d.country or "",
    }


class CaptionEdit(QPlainTextEdit):
    focus_lost = Signal()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.focus_lost.emit()


class PhotoInspector(QWidget):
    """Shows `detail` and writes each change through the EditController."""

    status_message = Signal(str)

    def __init__(self, lib: Library, edits: EditController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lib = lib
        self.edits = edits
        self.detail: PhotoDetail | None = None

        self.title = QLabel(self)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bold = QFont(self.title.font())
        bold.setBold(True)
        self.title.setFont(bold)
        self.title.setWordWrap(True)
        self.banner = ChangeBanner(self)
        self.banner.reload_requested.connect(self.reload)
        self.facts = QLabel(self)
        self.facts.setWordWrap(True)
        self.facts.setForegroundRole(self.facts.foregroundRole().PlaceholderText)

        self.caption = CaptionEdit(self)
        self.caption.setAccessibleName("Caption")
        self.caption.setPlaceholderText("No caption yet: what, who, where, when")
        self.caption.setTabChangesFocus(True)
        self.caption.setMinimumHeight(110)
        self.caption_count = QLabel(self)
        self.caption_count.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.caption_origin = QLabel(self)
        self.caption_origin.setWordWrap(True)
        self.caption_origin.setForegroundRole(self.caption_origin.foregroundRole().PlaceholderText)
        self._caption_timer = QTimer(self)
        self._caption_timer.setSingleShot(True)
        self._caption_timer.setInterval(CAPTION_IDLE_MS)
        self._caption_timer.timeout.connect(self.save_caption)
        self.caption.textChanged.connect(self._caption_typed)
        self.caption.focus_lost.connect(self.save_caption)

        self.line_edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name in LINE_FIELDS:
            edit = QLineEdit(self)
            edit.setAccessibleName(LABELS[name])
            edit.editingFinished.connect(lambda n=name: self.save_field(n))
            self.line_edits[name] = edit
            form.addRow(LABELS[name], edit)
        self.line_edits["taken_at"].setPlaceholderText("YYYY-MM-DD HH:MM")
        self.credit_names = QStringListModel(self)
        self.byline_names = QStringListModel(self)
        for name, model in (("credit", self.credit_names), ("byline", self.byline_names)):
            completer = QCompleter(model, self)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            self.line_edits[name].setCompleter(completer)

        self.chips = TagChips(self)
        self.chips.remove_requested.connect(lambda k, n: self._tag(k, n, add=False))
        self.chips.accept_requested.connect(lambda k, n: self._tag(k, n, add=True))
        self.tag_entry = TagEntry(self._known_tag_names, self)
        self.tag_entry.tag_entered.connect(lambda k, n: self._tag(k, n, add=True))
        tags_box = QGroupBox("Tags", self)
        tags_layout = QVBoxLayout(tags_box)
        tags_layout.addWidget(self.chips)
        self.accept_all = QPushButton("Accept all suggested", self)
        self.accept_all.setToolTip("Accept every dashed (suggested) tag at once; Ctrl+Z undoes")
        self.accept_all.clicked.connect(self.accept_all_suggested)
        self.accept_all.setVisible(False)
        tags_layout.addWidget(self.accept_all)
        tags_layout.addWidget(self.tag_entry)

        self.history = QListWidget(self)
        self.history.setAccessibleName("Earlier values")
        self.history.setToolTip("Double-click an earlier value to put it back")
        self.history.setWordWrap(True)
        self.history.setMaximumHeight(150)
        self.history.itemDoubleClicked.connect(self._restore_from_history)
        history_box = QGroupBox("Earlier values", self)
        QVBoxLayout(history_box).addWidget(self.history)

        caption_head = QHBoxLayout()
        caption_head.addWidget(QLabel("Caption", self))
        caption_head.addStretch(1)
        caption_head.addWidget(self.caption_count)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.banner)
        layout.addWidget(self.facts)
        layout.addLayout(caption_head)
        layout.addWidget(self.caption)
        layout.addWidget(self.caption_origin)
        layout.addLayout(form)
        layout.addWidget(tags_box)
        layout.addWidget(history_box)
        layout.addStretch(1)

    # --- loading ---------------------------------------------------------------------------

    def reload_vocabularies(self) -> None:
        self.credit_names.setStringList(browse.known_credits(self.lib))
        self.byline_names.setStringList(browse.known_bylines(self.lib))
        self.tag_entry.reload_names()

    def _known_tag_names(self, kind: str) -> list[str]:
        return [name for _k, name, _n in browse.known_tags(self.lib, kind)]

    def show_photo(self, photo_id: int | None, *, discard_typing: bool = False) -> None:
        """Load (or reload, after an edit elsewhere) the photo; unsaved typing is saved first.

        Reloading the photo being typed into keeps the typing unless `discard_typing`: if the
        library's copy moved on meanwhile, the banner says so and the next save is checked
        against the version the typing started from."""
        if self.detail is not None and photo_id != self.detail.id:
            self.save_caption()
        if photo_id is None:
            self.detail = None
            self.banner.setVisible(False)
            return
        try:
            detail = browse.photo_detail(self.lib, photo_id)
        except LibraryError as exc:
            self.status_message.emit(str(exc))
            self.detail = None
            self.banner.setVisible(False)
            return
        if not discard_typing and self._typing_differs_from(detail):
            if self.detail is not None and detail.summary.version != self.detail.summary.version:
                self._show_banner(detail.id)
            return
        self.detail = detail
        self.banner.setVisible(False)
        self._fill(detail)

    def _show_banner(self, photo_id: int) -> None:
        # A click on the banner walks up the widgets for one to focus (the scroll area), which
        # would take the focus from the field being typed into and so save it: into a conflict.
        # A widget whose focus proxy has the focus ends that walk; the banner's buttons never
        # take the focus themselves.
        focused = QApplication.focusWidget()
        inside = focused is not None and self.isAncestorOf(focused)
        self.banner.setFocusProxy(focused if inside else self.caption)
        self.banner.show_change(last_editor(self.lib, photo_id))

    def reload(self) -> None:
        """Show what the library holds now, dropping what was typed (the banner's Reload)."""
        if self.detail is not None:
            self.show_photo(self.detail.id, discard_typing=True)

    def typed_fields(self) -> dict[str, str]:
        """What the widgets hold that differs from the photo as it was shown: unsaved typing."""
        if self.detail is None:
            return {}
        shown = field_texts(self.detail)
        typed = {"caption": self.caption.toPlainText().strip()}
        typed.update({name: edit.text().strip() for name, edit in self.line_edits.items()})
        return {name: text for name, text in typed.items() if text != shown[name]}

    def _typing_differs_from(self, detail: PhotoDetail) -> bool:
        """Unsaved typing for this very photo that `detail` (the library now) does not hold."""
        if self.detail is None or detail.id != self.detail.id:
            return False
        now = field_texts(detail)
        return any(now[name] != text for name, text in self.typed_fields().items())

    def _fill(self, d: PhotoDetail) -> None:
        s = d.summary
        self._caption_timer.stop()
        self.title.setText(s.file_name)
        facts = []
        if s.width and s.height:
            facts.append(f"{s.width} × {s.height}")
        if d.camera:
            facts.append(d.camera)
        facts.append(f"#{s.id} · v{s.version}")
        self.facts.setText(" · ".join(facts))
        self.caption.blockSignals(True)
        if self.caption.toPlainText() != (s.caption or ""):
            self.caption.setPlainText(s.caption or "")
        self.caption.blockSignals(False)
        self._update_count()
        values = field_texts(d)
        for name, edit in self.line_edits.items():
            edit.setText(values[name])
            edit.setCursorPosition(0)
            origin = d.field_origins.get(name)
            edit.setToolTip(f"from {origin}" if origin else "")
            edit.setStyleSheet("")
        self._values = values
        origin = d.caption_origin or d.field_origins.get("caption")
        text = f"Caption: {origin}" if origin else "No caption source recorded"
        if d.caption_source:
            text += f" — {d.caption_source}"
        self.caption_origin.setText(text)
        try:
            suggested = browse.suggested_tags(self.lib, d.id)
            history = browse.edit_history(self.lib, d.id)
        except LibraryError:
            suggested, history = [], []
        self.chips.set_tags(d.tags, suggested)
        self.accept_all.setVisible(bool(self.chips.suggested))
        self._fill_history(history)

    def _fill_history(self, history: list[EditInfo]) -> None:
        self.history.clear()
        for e in history:
            old = e.old_value if e.old_value is not None else "(empty)"
            item = QListWidgetItem(f"{e.at:%Y-%m-%d %H:%M} {e.user} · {e.field}: {_short(old)}")
            item.setToolTip(f"{e.field} was: {old}\nchanged to: {e.new_value or '(empty)'}")
            # Plain values only: which field, and the text to put back.
            item.setData(Qt.ItemDataRole.UserRole, (e.field, e.old_value))
            self.history.addItem(item)
        if not history:
            self.history.addItem("No edits yet")

    # --- saving ----------------------------------------------------------------------------

    def _caption_typed(self) -> None:
        self._update_count()
        # With the banner up, no save on a pause: the conflict dialog waits until the user
        # leaves the caption, rather than interrupting a sentence.
        if self.banner.isHidden():
            self._caption_timer.start()

    def _update_count(self) -> None:
        n = caption_bytes(self.caption.toPlainText())
        over = n > IPTC_CAPTION_BYTES
        self.caption_count.setText(f"{n} / {IPTC_CAPTION_BYTES} bytes")
        self.caption_count.setStyleSheet("color: #d03030; font-weight: bold;" if over else "")
        self.caption_count.setToolTip(
            "Longer than IPTC's caption limit: some systems will cut it"
            if over
            else "UTF-8 bytes, against IPTC's 2000-byte caption limit"
        )

    def save_caption(self) -> None:
        self._caption_timer.stop()
        if self.detail is None:
            return
        text = self.caption.toPlainText()
        if text.strip() == (self.detail.summary.caption or "").strip():
            return
        self._save({"caption": text})

    def save_field(self, name: str) -> None:
        if self.detail is None:
            return
        edit = self.line_edits[name]
        text = edit.text().strip()
        if text == (self._values.get(name) or ""):
            return
        if name == "taken_at" and text:
            try:
                text = datetime.fromisoformat(text).isoformat()
            except ValueError:
                edit.setStyleSheet("border: 1px solid #d03030;")
                self.status_message.emit("Date: use YYYY-MM-DD or YYYY-MM-DD HH:MM")
                return
        self._save({name: text or None})

    def _save(self, values: dict[str, str | None]) -> None:
        assert self.detail is not None
        self.edits.edit_fields(self.detail.id, values, self.detail.summary.version)

    def _tag(self, kind: str, name: str, add: bool) -> None:
        if self.detail is None:
            return
        self.save_caption()
        change = TagChange(self.detail.id, name, kind, add)
        self.edits.edit_tags(self.detail.id, [change], self.detail.summary.version)
        if add:
            self.tag_entry.reload_names()

    def accept_all_suggested(self) -> None:
        if self.detail is None or not self.chips.suggested:
            return
        self.save_caption()
        self.edits.accept_suggested_tags(self.detail.id, self.chips.suggested)

    def _restore_from_history(self, item: QListWidgetItem) -> None:
        data = item.data(Qt.ItemDataRole.UserRole)
        if self.detail is None or not data:
            return
        field, old = data
        if field == "tags":
            if old and ":" in old:
                kind, _, name = old.partition(":")
                self._tag(kind, name, add=True)
            return
        self._save({field: old})


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
