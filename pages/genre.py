"""Genre: the theme's headline figures, map, trends and initiatives (see observatory/themes.py)."""

from observatory.ui import theme_story

theme_story.render("genre")
