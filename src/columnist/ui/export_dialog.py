"""File ▸ Export…: choose a format, a destination and its options, see the result first.

The dialog shows what the export would give before anything is written: a preview
(rendered for HTML and Medium, the text itself for plain text), the changes the format
makes (a Medium export turning a table into a list…), and what the publish gate refuses,
each problem at its line and column (double-click one to go there in the editor). The
preview and the export run off the GUI thread; the dialog stays usable meanwhile, and a
result that arrives for an older choice is dropped. It is not modal, so the writer can
fix a problem in the editor and come back.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from columnist.export import EXPORTERS, Column, ExportError, ExportResult
from columnist.export.format_options import options_for
from columnist.export.gate import PublishRefused
from columnist.ui.publishing import (
    ExportPreview,
    ListedProblem,
    export_options,
    preview_export,
    show_in_folder,
)

if TYPE_CHECKING:
    from columnist.ui.publishing import PublishingFeature

PROBLEM_ROLE = Qt.ItemDataRole.UserRole
ERROR_STYLE = "color: palette(text); font-weight: bold;"


class ExportDialog(QDialog):
    """Format, destination, options, preview, changes and problems; Export."""

    def __init__(self, feature: PublishingFeature, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export")
        self.resize(900, 680)
        self._feature = feature
        self._column = Column("")
        self._generation = 0  # results for an older request are dropped
        self._checks: dict[str, QCheckBox] = {}
        self.exported_to: Path | None = None

        self.format = QComboBox(self)
        self.format.setAccessibleName("Format")
        for name, exporter in EXPORTERS.items():
            self.format.addItem(exporter.label, name)
        self.destination = QLineEdit(self)
        self.destination.setAccessibleName("Save to")
        self.browse = QPushButton("&Browse…", self)
        self.browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.destination, 1)
        where.addWidget(self.browse)
        self.options = QWidget(self)
        self._options_layout = QVBoxLayout(self.options)
        self._options_layout.setContentsMargins(0, 0, 0, 0)

        form = QFormLayout()
        format_label = QLabel("&Format:", self)
        format_label.setBuddy(self.format)
        form.addRow(format_label, self.format)
        where_label = QLabel("&Save to:", self)
        where_label.setBuddy(self.destination)
        form.addRow(where_label, where)
        form.addRow("Options:", self.options)

        self.preview = QTextBrowser(self)
        self.preview.setOpenLinks(False)
        self.preview.setAccessibleName("Preview of the export")
        self.changes = QListWidget(self)
        self.changes.setAccessibleName("Changes the format makes")
        self.changes.setWordWrap(True)
        self.problems = QListWidget(self)
        self.problems.setAccessibleName("Problems the publish gate found")
        self.problems.setWordWrap(True)
        self.problems.itemActivated.connect(self._go_to)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.preview, "Pre&view")
        self.tabs.addTab(self.changes, "C&hanges")
        self.tabs.addTab(self.problems, "&Problems")

        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setAccessibleName("Export status")
        self.show_folder = QPushButton("Show in F&older", self)
        self.show_folder.hide()
        self.show_folder.clicked.connect(self._show_folder)
        status = QHBoxLayout()
        status.addWidget(self.message, 1)
        status.addWidget(self.show_folder)

        self.guide = QPushButton("Publish to &Medium…", self)
        self.guide.clicked.connect(feature.open_guide)
        self.draft = QPushButton("Export Anyway as &Draft", self)
        self.draft.setToolTip("Export although the publish gate found problems; the output "
                              "is marked as a draft.")
        self.draft.clicked.connect(lambda: self.export(draft=True))
        self.export_button = QPushButton("&Export", self)
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(lambda: self.export(draft=False))
        close = QPushButton("Close", self)
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.guide)
        buttons.addStretch(1)
        buttons.addWidget(self.draft)
        buttons.addWidget(self.export_button)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(status)
        layout.addLayout(buttons)
        self.format.currentIndexChanged.connect(self._format_changed)

    # -- state ------------------------------------------------------------------------

    def format_name(self) -> str:
        return str(self.format.currentData())

    def extra(self) -> dict[str, Any]:
        """The chosen format's options, by name."""
        return {name: box.isChecked() for name, box in self._checks.items()}

    def start(self, column: Column) -> None:
        """Show the dialog for `column` (the editor's text now)."""
        self._column = column
        self.message.setText("")
        self.show_folder.hide()
        self._format_changed()

    def update_column(self, column: Column) -> None:
        """The editor's text changed while the dialog was away: preview it again, keeping
        the format, destination and options chosen."""
        if column.text != self._column.text or column.source_path != self._column.source_path:
            self._column = column
            self.refresh()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.WindowActivate:  # back from fixing something
            self._feature.sync_dialog()
        return super().event(event)

    def _default_destination(self) -> Path:
        name = self.format_name()
        suffix = EXPORTERS[name].suffix
        source = self._column.source_path
        if source is None:
            return Path.home() / f"{self._column.fallback_title}{suffix}"
        stem = source.name.split(".", 1)[0] or source.stem
        return source.with_name(stem + suffix)

    def _format_changed(self) -> None:
        name = self.format_name()
        self.destination.setText(str(self._default_destination()))
        self.guide.setVisible(name == "medium")
        while self._options_layout.count():
            widget = self._options_layout.takeAt(0).widget()
            if widget is not None:
                widget.hide()  # at once: deleteLater waits for the event loop
                widget.deleteLater()
        self._checks = {}
        for option in options_for(name):
            box = QCheckBox(option.label, self.options)
            box.setChecked(option.default)
            box.setToolTip(option.help)
            box.toggled.connect(self.refresh)
            self._options_layout.addWidget(box)
            box.show()  # now, so its mnemonic works at once (a layout shows it later)
            self._checks[option.name] = box
        if not self._checks:
            none = QLabel("None for this format.", self.options)
            self._options_layout.addWidget(none)
            none.show()
        self.refresh()

    # -- preview ----------------------------------------------------------------------

    def refresh(self) -> None:
        """Preview the export with the current choices (off the GUI thread)."""
        from columnist.core.tasks import run_task

        self._generation += 1
        generation, name, column = self._generation, self.format_name(), self._column
        extra, cache = self.extra(), self._feature.cache_path()
        self.preview.setPlainText("Preparing the preview…")

        def done(preview: ExportPreview | None, error: BaseException | None) -> None:
            if generation != self._generation:
                return
            if error is not None or preview is None:
                self.preview.setPlainText(f"No preview: {error}")
                return
            self.show_preview(preview)

        run_task(lambda: preview_export(name, column, extra, cache), done, receiver=self)

    def show_preview(self, preview: ExportPreview) -> None:
        if preview.html:
            self.preview.setFont(self.font())
            self.preview.setHtml(preview.html)
        else:  # fixed width, so the wrapping and underlines read as they will in an email
            self.preview.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
            self.preview.setPlainText(preview.text)
        self.changes.clear()
        for sentence in preview.changes or ["The export shows the column as it is."]:
            self.changes.addItem(sentence)
        for warning in preview.warnings:
            self.changes.addItem(f"Warning: {warning}")
        self.tabs.setTabText(1, f"C&hanges ({len(preview.changes)})")
        self.show_problems(preview.problems)

    def show_problems(self, problems: list[ListedProblem]) -> None:
        self.problems.clear()
        for problem in problems:
            item = QListWidgetItem(problem.text)
            item.setData(PROBLEM_ROLE, problem)
            if problem.line:
                item.setToolTip("Double-click or press Enter to go there in the editor")
            self.problems.addItem(item)
        if not problems:
            self.problems.addItem("None: the column may be published.")
        self.tabs.setTabText(2, f"&Problems ({len(problems)})")
        self.draft.setVisible(any(problem.error for problem in problems))

    def _go_to(self, item: QListWidgetItem) -> None:
        problem = item.data(PROBLEM_ROLE)
        if isinstance(problem, ListedProblem):
            self._feature.go_to(problem)

    # -- export -----------------------------------------------------------------------

    def _browse(self) -> None:
        exporter = EXPORTERS[self.format_name()]
        path, _ = QFileDialog.getSaveFileName(
            self, "Export To", self.destination.text(),
            f"{exporter.label} (*{exporter.suffix});;All files (*)")
        if path:
            self.destination.setText(path)

    def export(self, draft: bool = False) -> None:
        """Export with the current choices (off the GUI thread); say how it went."""
        from columnist.core.tasks import run_task
        from columnist.export import export_column

        target = self.destination.text().strip()
        if not target:
            self._say("Choose where to save the export first.", error=True)
            return
        out = Path(target).expanduser()
        if out.is_dir():
            out = out / self._default_destination().name
        name, column = self.format_name(), self._column
        options = export_options(out, self.extra(), draft, self._feature.cache_path())
        self.export_button.setEnabled(False)
        self._say(f"Exporting to {out}…")

        def done(result: ExportResult | None, error: BaseException | None) -> None:
            self.export_button.setEnabled(True)
            if isinstance(error, PublishRefused):
                self.show_problems([ListedProblem.of(p) for p in error.problems])
                self.tabs.setCurrentWidget(self.problems)
                self._say("Not exported: the publish gate found problems (listed). Fix them, "
                          "or Export Anyway as Draft.", error=True)
            elif isinstance(error, ExportError):
                self._say(f"Not exported: {error.message}", error=True)
            elif error is not None or result is None:
                self._say(f"Not exported: {error}", error=True)
            else:
                self._exported(result, draft)

        run_task(lambda: export_column(name, column, options), done, receiver=self)

    def _exported(self, result: ExportResult, draft: bool) -> None:
        self.exported_to = result.out_path
        files = len(result.written) + len(result.images_copied)
        also = f" and {files - 1} more file{'s' if files != 2 else ''}" if files > 1 else ""
        kind = " as a draft" if draft else ""
        warned = f" {len(result.warnings)} warnings: see Changes." if result.warnings else ""
        self._say(f"Exported{kind} to {result.out_path}{also}.{warned}")
        self.show_folder.show()

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else "")
        self.message.setText(text)

    def _show_folder(self) -> None:
        if self.exported_to is not None:
            show_in_folder(self.exported_to)
