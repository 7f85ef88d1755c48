"""The Ratings menu as a window feature: import a CQC file, refresh from the API, and
what the rating cache holds (the dialogs themselves are `ratings_dialogs.RatingsUi`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from columnist.ui.actions import Menus
    from columnist.ui.main_window import MainWindow


class RatingsMenu:
    """Ratings ▸ Import CQC File…, Refresh from CQC API…, Ratings Data…."""

    def install(self, window: MainWindow, menus: Menus) -> None:
        """Three actions handing over to the window's `ratings_ui`."""
        from columnist.ui.actions import make_action

        ui = window.ratings_ui
        for where, name, text, slot, tip in (
            ("ratings/update", "ratings_import", "&Import CQC File…", ui.import_file,
             "Add a CQC Latest ratings, CQC directory or ODS file"),
            ("ratings/update", "ratings_refresh", "&Refresh from CQC API…",
             ui.refresh_from_api, "Fetch the ratings that changed from CQC's API"),
            ("ratings/data", "ratings_data", "Ratings &Data…", ui.show_data,
             "What the rating cache holds and how current it is"),
        ):
            menus.add(where, name, make_action(window, text, slot, tip=tip))
