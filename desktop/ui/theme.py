"""Light and dark palettes on the Fusion style, following the system's colour scheme (Qt 6.5+)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

ACCENT = QColor("#2f7ed8")


def dark_palette() -> QPalette:
    p = QPalette()
    base, window, text = QColor("#1e1f22"), QColor("#2b2d31"), QColor("#e6e6e6")
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: QColor("#34363b"),
        QPalette.ColorRole.ToolTipBase: QColor("#3a3c42"),
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: QColor("#34363b"),
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.BrightText: QColor("#ff6b6b"),
        QPalette.ColorRole.Highlight: ACCENT,
        QPalette.ColorRole.HighlightedText: QColor("white"),
        QPalette.ColorRole.Link: QColor("#6fb1ff"),
        QPalette.ColorRole.PlaceholderText: QColor("#9a9ca3"),
        QPalette.ColorRole.Mid: QColor("#4a4d54"),
        QPalette.ColorRole.Dark: QColor("#18191c"),
        QPalette.ColorRole.Light: QColor("#45474d"),
    }
    for role, color in roles.items():
        p.setColor(role, color)
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.WindowText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7b7d84"))
    return p


def light_palette() -> QPalette:
    p = QApplication.style().standardPalette()
    p.setColor(QPalette.ColorRole.Highlight, ACCENT)
    p.setColor(QPalette.ColorRole.HighlightedText, QColor("white"))
    p.setColor(QPalette.ColorRole.AlternateBase, QColor("#eef1f5"))
    p.setColor(QPalette.ColorRole.PlaceholderText, QColor("#6b6f76"))
    return p


def is_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def apply_theme(app: QApplication) -> None:
    """Fusion everywhere (it honours palettes on every platform), re-applied when the system
    switches between light and dark."""
    app.setStyle("Fusion")

    def refresh(*_args: object) -> None:
        app.setPalette(dark_palette() if is_dark() else light_palette())

    refresh()
    app.styleHints().colorSchemeChanged.connect(refresh)
