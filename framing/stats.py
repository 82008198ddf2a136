"""Statistics shared by the analyses, vectorised over whole arrays.

Every function takes and returns numpy arrays (or scalars) so an analysis computes
intervals and tests for all its rows in one call.
"""

from __future__ import annotations

import numpy as np
from scipy import stats as _st

__all__ = [
    "wilson_interval",
    "poisson_rate_interval",
    "benjamini_hochberg",
    "independence_test",
    "log_odds_dirichlet",
    "log_odds_from_totals",
    "t_interval",
    "MIN_COUNT",
]

#: Below this many observations a row is flagged as too little data.
MIN_COUNT = 5


def wilson_interval(count, total, *, confidence: float = 0.95):
    """Wilson score interval for a proportion ``count / total``.

    Wilson, E. B. (1927). Probable inference, the law of succession, and statistical
    inference. JASA 22(158). Rows with ``total == 0`` give NaN.

    >>> lo, hi = wilson_interval(3, 10)
    >>> round(float(lo), 3), round(float(hi), 3)
    (0.108, 0.603)
    >>> float(wilson_interval(0, 7)[0]), float(wilson_interval(7, 7)[1])
    (0.0, 1.0)
    """
    k = np.asarray(count, dtype=float)
    n = np.asarray(total, dtype=float)
    z = _st.norm.ppf(0.5 + confidence / 2)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = k / n
        denom = 1 + z**2 / n
        centre = (p + z**2 / (2 * n)) / denom
        half = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / denom
        lo, hi = centre - half, centre + half
    # exact bounds at the edges (the formula leaves rounding noise such as 5.6e-17 there)
    lo = np.where(n > 0, np.where(k <= 0, 0.0, np.clip(lo, 0, 1)), np.nan)
    hi = np.where(n > 0, np.where(k >= n, 1.0, np.clip(hi, 0, 1)), np.nan)
    return lo, hi


def t_interval(mean, var, n, *, confidence: float = 0.95, low: float = -np.inf, high: float = np.inf):
    """Student-t confidence intervals of means, element-wise (NaN where ``n < 2``).

    ``var`` is the sample variance (ddof 1) and ``n`` the sample size of each mean;
    the interval is clipped to ``[low, high]`` (e.g. -1..1 for VADER scores).

    >>> lo, hi = t_interval([0.3], [0.04], [3])
    >>> round(float(lo[0]), 2), round(float(hi[0]), 2)
    (-0.2, 0.8)
    """
    mean, var, n = (np.asarray(x, dtype=float) for x in (mean, var, n))
    two = n >= 2
    tcrit = np.full(n.shape, np.nan)
    if two.any():
        un, inv = np.unique(n[two], return_inverse=True)
        tcrit[two] = _st.t.ppf(0.5 + confidence / 2, un - 1)[inv]
    h = tcrit * np.sqrt(np.maximum(var, 0.0)) / np.sqrt(np.maximum(n, 1))
    return np.where(two, np.maximum(mean - h, low), np.nan), np.where(two, np.minimum(mean + h, high), np.nan)


def poisson_rate_interval(count, exposure, *, per: float = 1000.0, confidence: float = 0.95):
    """Exact (Garwood) interval for a Poisson rate ``count / exposure * per``.

    Used for rates per 1,000 words. Garwood, F. (1936). Fiducial limits for the
    Poisson distribution. Biometrika 28. Rows with ``exposure == 0`` give NaN.

    >>> lo, hi = poisson_rate_interval(2, 1000)
    >>> round(float(lo), 3), round(float(hi), 3)
    (0.242, 7.225)
    """
    k = np.asarray(count, dtype=float)
    e = np.asarray(exposure, dtype=float)
    alpha = 1 - confidence
    # the chi-square quantiles depend on the count alone: computed once per distinct count
    uk, inv = np.unique(k, return_inverse=True)
    lo = np.where(uk > 0, _st.chi2.ppf(alpha / 2, 2 * uk) / 2, 0.0)[inv].reshape(k.shape)
    hi = (_st.chi2.ppf(1 - alpha / 2, 2 * (uk + 1)) / 2)[inv].reshape(k.shape)
    with np.errstate(invalid="ignore", divide="ignore"):
        lo = np.where(e > 0, lo / e * per, np.nan)
        hi = np.where(e > 0, hi / e * per, np.nan)
    return lo, hi


def benjamini_hochberg(pvalues):
    """Benjamini-Hochberg adjusted p-values (q-values), NaNs kept in place.

    Benjamini, Y. and Hochberg, Y. (1995). Controlling the false discovery rate.
    JRSS B 57(1).

    >>> benjamini_hochberg([0.01, 0.04, 0.03, 0.2]).round(3).tolist()
    [0.04, 0.053, 0.053, 0.2]
    """
    p = np.asarray(pvalues, dtype=float)
    q = np.full_like(p, np.nan)
    ok = ~np.isnan(p)
    m = int(ok.sum())
    if m == 0:
        return q
    pv = p[ok]
    order = np.argsort(pv)
    ranked = pv[order] * m / np.arange(1, m + 1)
    ranked = np.minimum.accumulate(ranked[::-1])[::-1]
    out = np.empty(m)
    out[order] = np.clip(ranked, 0, 1)
    q[ok] = out
    return q


def independence_test(table) -> tuple[float, str]:
    """Test whether the rows (e.g. outlets) and columns (e.g. variants) of a count table are independent.

    Returns ``(p_value, method)``. Uses Fisher's exact test for 2x2 tables and
    the chi-square test otherwise; empty rows and columns are dropped first, and a
    table with fewer than two non-empty rows or columns gives ``(nan, "n/a")``.

    >>> p, method = independence_test([[10, 0], [0, 10]])
    >>> method, p < 0.001
    ('fisher', True)
    """
    t = np.asarray(table, dtype=float)
    t = t[t.sum(axis=1) > 0][:, t.sum(axis=0) > 0] if t.size else t
    if t.ndim != 2 or t.shape[0] < 2 or t.shape[1] < 2:
        return float("nan"), "n/a"
    if t.shape == (2, 2):
        return float(_st.fisher_exact(t.astype(int))[1]), "fisher"
    return float(_st.chi2_contingency(t)[1]), "chi2"


def log_odds_dirichlet(counts_a, counts_b, prior):
    """Log-odds ratio with an informative Dirichlet prior, and its z-score.

    Monroe, B. L., Colaresi, M. P. and Quinn, K. M. (2008). Fightin' words: lexical
    feature selection and evaluation for identifying the content of political
    conflict. Political Analysis 16(4), eq. 16 and 22.

    Parameters
    ----------
    counts_a, counts_b:
        Term counts of the two groups (arrays of the same length, or 2-D with
        groups in rows and terms in columns for ``counts_a``).
    prior:
        Pseudo-counts per term (alpha_w), usually the background corpus counts
        scaled to a chosen total.

    Returns
    -------
    delta, z:
        The log-odds difference (a minus b) and its z-score.
    """
    ya = np.asarray(counts_a, dtype=float)
    yb = np.asarray(counts_b, dtype=float)
    a = np.asarray(prior, dtype=float)
    a0 = a.sum()
    na = ya.sum(axis=-1, keepdims=True)
    nb = yb.sum(axis=-1, keepdims=True)
    return log_odds_from_totals(ya, na, yb, nb, a, a0)


def log_odds_from_totals(ya, na, yb, nb, a, a0):
    """:func:`log_odds_dirichlet` element-wise, with the group totals ``na``, ``nb`` and the
    prior total ``a0`` given (for sparse or per-event computations).

    >>> d, z = log_odds_from_totals(np.array([5.0]), 10.0, np.array([1.0]), 10.0, np.array([1.0]), 4.0)
    >>> round(float(d[0]), 3), round(float(z[0]), 3)
    (1.504, 1.842)
    """
    la = np.log(ya + a) - np.log(na + a0 - ya - a)
    lb = np.log(yb + a) - np.log(nb + a0 - yb - a)
    delta = la - lb
    return delta, delta / np.sqrt(1.0 / (ya + a) + 1.0 / (yb + a))
