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
