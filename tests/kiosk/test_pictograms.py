"""The pictograms on the home, service and reason tiles: there, large enough to see from a
step back, in the tile's own text colour in every theme, and larger with large text."""

from __future__ import annotations

from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from config.settings import Channel
from kiosk.app import Kiosk
from kiosk.pictograms import REASON, SERVICE, for_reason, for_service
from kiosk.widgets import Tile
from tests.kiosk.conftest import LANDSCAPE, click, wait_screen

MIN_SIDE = 48  # pixels: about 13 mm on a 96 dpi kiosk screen


def shown_tiles(kiosk: Kiosk, screen: str) -> dict[str, Tile]:
    found = kiosk.flows.screen(screen).findChildren(Tile)
    return {tile.objectName(): tile for tile in found if tile.isVisibleTo(kiosk.window)}


def ink(tile: Tile) -> set[str]:
    """The colours of the pictogram's drawn pixels (anti-aliased edges left out)."""
    image = tile.icon_label.pixmap().toImage().convertToFormat(QImage.Format.Format_ARGB32)
    colours = set()
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            colour = image.pixelColor(x, y)
            if colour.alpha() == 255:
                colours.add(colour.name())
    return colours


def title_colour(tile: Tile) -> str:
    role = QPalette.ColorRole.WindowText
    return tile.title.palette().color(QPalette.ColorGroup.Active, role).name()


def check_tiles(tiles: dict[str, Tile], expected: set[str]) -> None:
    assert set(tiles) == expected
    for name, tile in tiles.items():
        label = tile.icon_label
        assert label.isVisibleTo(tile), name
        pixmap = label.pixmap()
        assert not pixmap.isNull(), name
        assert min(pixmap.width(), pixmap.height()) >= MIN_SIDE, (name, pixmap.size())
        assert label.width() >= MIN_SIDE and label.height() >= MIN_SIDE, name
        assert ink(tile) == {title_colour(tile)}, name


def test_home_service_and_reason_tiles_have_pictograms(qtbot: QtBot, kiosk: Kiosk) -> None:
    home = {f"home_{c}" for c in ("booking", "walk_in", "priority", "vip", "info")}
    check_tiles(shown_tiles(kiosk, "home"), home)
    click(qtbot, kiosk, "home_walk_in")
    wait_screen(qtbot, kiosk, "service")
    services = [s.code for s in kiosk.window.state.settings.services]
    walk_in = [
        s.code for s in kiosk.window.state.settings.services if Channel.WALK_IN in s.channels
    ]
    check_tiles(shown_tiles(kiosk, "service"), {f"service_{c}" for c in walk_in})
    # Each service and each reason of the default settings has a pictogram of its own.
    assert all(for_service(code) is not SERVICE for code in services)
    assert len({for_service(code) for code in services}) == len(services)
    kiosk.flows.go_home()
    click(qtbot, kiosk, "home_priority")
    wait_screen(qtbot, kiosk, "reason")
    reasons = [r.code for r in kiosk.window.state.settings.priority_reasons]
    check_tiles(shown_tiles(kiosk, "reason"), {f"reason_{c}" for c in reasons})
    assert all(for_reason(code) is not REASON for code in reasons)
    assert len({for_reason(code) for code in reasons}) == len(reasons)
    # A reason or a service an office adds gets the general pictogram.
    assert for_reason("veteran") is REASON and for_service("diplomatic") is SERVICE


def test_pictograms_follow_the_theme(qtbot: QtBot, kiosk: Kiosk) -> None:
    window = kiosk.window
    window.resize_to(*LANDSCAPE)
    tiles = shown_tiles(kiosk, "home")
    usual = tiles["home_walk_in"].icon_label.pixmap().width()
    assert ink(tiles["home_walk_in"]) == {QColor("#FFFFFF").name()}  # white on the blue tile
    click(qtbot, kiosk, "toggle_high_contrast")
    QApplication.processEvents()
    for tile in tiles.values():  # black on the yellow and cyan tiles of high contrast
        assert ink(tile) == {QColor("#000000").name()} == {title_colour(tile)}
    click(qtbot, kiosk, "toggle_large_text")
    QApplication.processEvents()
    large = tiles["home_walk_in"].icon_label.pixmap().width()
    assert large > usual >= MIN_SIDE
    assert ink(tiles["home_priority"]) == {title_colour(tiles["home_priority"])}
    window.reset_for_next_person()
    QApplication.processEvents()
    assert tiles["home_walk_in"].icon_label.pixmap().width() == usual
    assert ink(tiles["home_walk_in"]) == {QColor("#FFFFFF").name()}


def test_a_tile_without_a_pictogram_starts_its_title_at_the_edge(qtbot: QtBot) -> None:
    plain, marked = Tile("plain"), Tile("marked", pictogram=SERVICE)
    for tile in (plain, marked):
        qtbot.addWidget(tile)
        tile.set_texts("Title", "Detail")
        tile.resize(600, 200)
        tile.show()
    QApplication.processEvents()
    assert plain.icon_label.isHidden() and plain.icon_label.pixmap().isNull()
    assert plain.title.x() == plain.detail.x()
    assert marked.title.x() > marked.icon_label.x() + marked.icon_label.width()
    assert marked.detail.x() == plain.detail.x()  # the line below has the tile's width
