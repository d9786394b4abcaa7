"""KomInn's apps in layers, bottom to top. An app imports only from apps in layers below
its own (and from itself); apps in one layer do not import each other.
tests/test_layers.py reads every module's imports, at the top and inside functions, and
fails on any that goes up or sideways. A change here is a design decision: give the reason
in the commit.

Why this order:
- core: shared pieces with no domain (content bases, slugs, images, Markdown, numbers,
  the audit log, rate limits, object access). Everything stands on it.
- organisations: the municipality and its service areas and themes; all content belongs
  to one.
- outbox: mail as rows sent by a worker; needs only the organisation to sign with.
- accounts: people, their roles and log-in; mails confirmations through the outbox. A
  person works for an organisation. Other apps tell accounts what they hold about a person
  through a registry, so accounts knows no domain.
- notifications: who was told what, by mail or in the app. Knows no domain: the app that
  owns an event decides who is told and with which words.
- portfolio: the 1.0 overview (goals, initiatives, news). Stands without participation.
- participation: the 2.0 engagement (challenges, ideas, comments, supports, follows,
  offers). Builds on the portfolio: an idea becomes an initiative.
- collaboration: needs ("Vi trenger") on initiatives, challenges and ideas, the people
  who answer them, and the skills people list to find what fits them. It hangs needs on
  both the portfolio and participation, and took over participation's offers of help.
- events: meetings, workshops and open days on initiatives and challenges, with
  registration and calendars. Stands on both the portfolio and participation.
- moderation: reports, hiding and blocking, acting on participation through its methods.
- search: indexes everything below it. It hears of a change through the saves of the
  content's own models (an idea hidden through Idea.hide() is saved, and so re-indexed on
  commit), never through hooks on unrelated models such as the audit log.
- newsletter: sign-ups and issues, with news from the portfolio.
- pages, demo: the front page, statistics and static pages; the demo content. They read
  every app below and nothing imports them.
- opendata: the JSON API, downloads, the DCAT-AP-NO catalogue and the embeddable views.
  It reads the domain through its QuerySets, and the statistics' funnel from pages; no app
  reads it. The project package (urls, settings) sits above.

Templates compose pages across layers: a page may show a higher app's piece through that
app's template tags (the idea page loads moderation's report link). Python never imports
upward.
"""

LAYERS = [
    ["core"],
    ["organisations"],
    ["outbox"],
    ["accounts"],
    ["notifications"],
    ["portfolio"],
    ["participation"],
    ["collaboration", "events"],
    ["moderation"],
    ["search"],
    ["newsletter"],
    ["pages", "demo"],
    ["opendata"],
]
