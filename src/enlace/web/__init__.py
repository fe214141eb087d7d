"""The web pages: server-rendered Jinja2 templates, static assets and message catalogues."""
