import matplotlib.pyplot as plt
import pandas as pd

from framing import analyze
from framing.plotting import plot_articles_by_outlet_event, plot_articles_over_time


def _articles(example):
    return analyze(example, analyses=[])["articles"]


def test_outlet_event_bars(example):
    arts = _articles(example)
    fig, ax = plt.subplots()
    assert plot_articles_by_outlet_event(arts, ax=ax) is ax
    # one bar segment per (outlet, event) with articles: 5 outlets x 4 events
    assert len(ax.patches) == 20
    assert sorted(t.get_text() for t in ax.get_yticklabels()) == sorted(example.outlets)
    plt.close(fig)


def test_timeline_and_no_dates(example):
    arts = _articles(example)
    ax = plot_articles_over_time(arts)
    assert sum(len(c.get_offsets()) for c in ax.collections) == len(example)
    plt.close(ax.figure)
    ax = plot_articles_over_time(arts.assign(date=pd.NaT))
    assert not ax.axison
    plt.close(ax.figure)


def test_many_events_are_lumped():
    arts = pd.DataFrame(
        {
            "id": [f"a{i}" for i in range(60)],
            "outlet": ["A", "B", "C"] * 20,
            "status": "analyzed",
            "event": [f"E{i // 2:02d}" for i in range(60)],
            "date": pd.to_datetime("2025-01-01") + pd.to_timedelta(range(60), unit="D"),
        }
    )
    fig, ax = plt.subplots()
    plot_articles_by_outlet_event(arts, max_events=5, ax=ax)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert len(labels) == 5 and labels[-1] == "26 other events"
    assert sum(p.get_width() for p in ax.patches) == 60  # every article is drawn
    plt.close(fig)
    ax = plot_articles_over_time(arts)
    assert sum(len(c.get_offsets()) for c in ax.collections) == 60
    plt.close(ax.figure)
