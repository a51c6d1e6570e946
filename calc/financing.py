"""Paying for a measure: loans, stacked incentives, ESCO contracts and the customer's cash flows.

The deck's section 5 lists where the money for an investment comes from: equity (the owner's
cash), credit (a traditional loan against collateral, or project finance where the project's
cash flow is the security) and an ESCO (energy service company) under a guaranteed-savings,
shared-savings or chauffage / energy-supply contract. The Massachusetts brief adds stacking:
utility rebates, grants, tax credits and subsidised loans combined so that a customer can pay.

Conventions (numpy-financial's): a cash-flow array holds one value per year, ``values[0]`` is
t = 0 (the investment) and outflows are negative; money is in the scenario currency; rates are
in % per year (``rate_pct``); years are whole years (a fractional contract or lifetime covers
that share of its last year). Problems in the data are values (NaN, an empty schedule, a
``status`` code), never exceptions; only a wrong argument (an unknown ``kind``, a table that is
not a DataFrame) raises.

Where Excel differs: ``numpy_financial.npv`` does not discount ``values[0]``, while Excel's
``NPV(r, v1, ..., vn)`` discounts its first argument, so the NPV here equals
``NPV(r, v1..vn) + v0`` in Excel. ``PMT`` has the same sign in both (a loan received, positive,
gives a negative payment).

References
----------
.. [1] Training deck, section 5 "Chuẩn bị ngân sách đầu tư" (seed-digest §5): equity, credit
   (traditional or project finance), ESCO (guaranteed savings, shared savings, chauffage /
   energy supply contract).
.. [2] Massachusetts Clearinghouse brief (seed-digest §7): a one-stop shop stacking utility
   rebates, federal grants, tax credits and subsidised loans so that a customer can pay.
.. [3] Training deck, section 4 "Phân tích tài chính" (seed-digest §4): NPV, IRR, payback with
   uneven flows; the LED case.
"""
from __future__ import annotations

import numpy as np
import numpy_financial as npf
import pandas as pd

from calc.finance import capital_recovery_factor, irr_with_codes, payback_years

__all__ = ["INCENTIVE_TYPES", "INCENTIVE_YEAR", "LOAN_KINDS", "FINANCING_OPTIONS", "loan_schedule",
           "stack_incentives", "project_cashflows", "equity_cashflows", "dscr", "esco_shared_savings",
           "esco_guaranteed_savings", "chauffage", "compare_financing", "guarantee_fee", "GUARANTEE_FEE_PCT"]

#: Financing types that lower the cost (stacked by :func:`stack_incentives`).
INCENTIVE_TYPES = ("grant", "rebate", "tax_credit")
#: Year in which each incentive arrives as cash: grants and rebates at t = 0, a tax credit with
#: the first year's tax return (t = 1).
INCENTIVE_YEAR = {"grant": 0, "rebate": 0, "tax_credit": 1}
LOAN_KINDS = ("annuity", "equal_principal")
#: Rows of :func:`compare_financing`, in this order.
FINANCING_OPTIONS = ("cash", "loan", "incentives", "loan_incentives", "esco_shared", "esco_guaranteed")
SCHEDULE_COLUMNS = ["opening", "interest", "principal", "payment", "closing"]


def _float(value) -> float:
    """A scalar as float; None, NA, text → NaN."""
    if value is None:
        return np.nan
    out = pd.to_numeric(value, errors="coerce")
    return float(out) if not pd.isna(out) else np.nan


def _whole(value) -> int | None:
    """Whole years (rounded); None when missing or negative."""
    v = _float(value)
    return None if np.isnan(v) or v < 0 else int(round(v))


def _col(frame: pd.DataFrame, col: str) -> np.ndarray:
    if col not in frame:
        return np.full(len(frame), np.nan)
    return pd.to_numeric(frame[col], errors="coerce").astype(float).to_numpy()


def _types(frame: pd.DataFrame) -> np.ndarray:
    return np.array(["" if pd.isna(t) else str(t).strip().lower() for t in frame["type"]], dtype=object)


def _per_year(value, n: int) -> np.ndarray:
    """A scalar or a length-n array as a float array of years 1..n."""
    return np.array(np.broadcast_to(np.asarray(value, dtype=float), (n,)), dtype=float)


def _share_active(n: int, span_years) -> np.ndarray:
    """Share of each year 1..n inside a span starting at t = 0: 1 inside, 0 after, the fraction
    of a partial last year; NaN everywhere when the span is unknown."""
    span = _float(span_years)
    return np.clip(span - np.arange(n, dtype=float), 0.0, 1.0)


def _requested(amount: np.ndarray, pct: np.ndarray, capex: float) -> np.ndarray:
    """``pct_of_capex`` % of the capex, an ``amount``, or the smaller of the two when both are
    given (the amount is then the ceiling of a percentage); NaN when neither is."""
    return np.fmin(amount, capex * pct / 100.0)


def loan_schedule(principal: float, rate_pct: float, term_years, *, grace_years=0,
                  kind: str = "annuity") -> pd.DataFrame:
    """Repayment schedule of a loan, year by year.

    Parameters
    ----------
    principal : float
        Amount borrowed at t = 0.
    rate_pct : float
        Interest rate [%/yr], on the opening balance of each year (0 works).
    term_years : int
        Years of principal repayment, after the grace years (rounded to whole years).
    grace_years : int, default 0
        Years at the start in which only interest is paid.
    kind : {"annuity", "equal_principal"}
        Annuity: a constant payment over ``term_years``; equal principal: the same principal
        repayment each year, so the payment falls with the interest.

    Returns
    -------
    DataFrame
        Index ``year`` 1..(grace + term); ``opening, interest, principal, payment, closing``.
        Empty when the term is missing or not positive; NaN when the principal or rate is.

    Raises
    ------
    ValueError
        For an unknown ``kind``.

    Notes
    -----
    Interest :math:`I_t = r B_{t-1}`; payment :math:`P_t = I_t + Q_t`; closing
    :math:`B_t = B_{t-1} - Q_t`. In a grace year :math:`Q_t = 0`. Annuity: :math:`P = L \\cdot
    r / (1 - (1 + r)^{-n})` (:math:`L / n` at r = 0), i.e. ``-numpy_financial.pmt(r, n, L)``;
    equal principal: :math:`Q_t = L / n`. The last year repays the remaining balance, so the
    closing balance is exactly 0 and :math:`\\sum Q_t = L`.

    References
    ----------
    .. [1] Training deck, section 5: credit, traditional loan or project finance.
    """
    if kind not in LOAN_KINDS:
        raise ValueError(f"unknown loan kind: {kind!r}")
    term, grace = _whole(term_years), _whole(grace_years) or 0
    if term is None or term <= 0:
        return pd.DataFrame({c: pd.Series(dtype=float) for c in SCHEDULE_COLUMNS},
                            index=pd.Index([], dtype=int, name="year"))
    loan, rate = _float(principal), _float(rate_pct) / 100.0
    n = grace + term
    annuity = loan * float(capital_recovery_factor(rate, term))
    rows = np.zeros((n, len(SCHEDULE_COLUMNS)))
    balance = loan
    for i in range(n):
        interest = balance * rate
        if i < grace:
            repay = 0.0
        elif i == n - 1:
            repay = balance
        elif kind == "annuity":
            repay = annuity - interest
        else:
            repay = loan / term
        rows[i] = balance, interest, repay, interest + repay, balance - repay
        balance -= repay
    return pd.DataFrame(rows, columns=SCHEDULE_COLUMNS, index=pd.Index(np.arange(1, n + 1), name="year"))


def stack_incentives(capex: float, incentives: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """Stack grants, rebates and tax credits on one investment, in the order given.

    Parameters
    ----------
    capex : float
        The investment before incentives.
    incentives : DataFrame
        One row per incentive, in the order they are applied: ``type`` (grant | rebate |
        tax_credit), ``amount``, ``pct_of_capex`` [%] and optionally ``cap``.

    Returns
    -------
    table : DataFrame
        Per incentive: ``type``, ``requested`` (what the incentive's own rules give: the % of
        the capex, the amount, or the smaller when both are given, then at most ``cap``),
        ``applied`` (what it actually takes off), ``net_cost_after`` (the cost left after it),
        ``year`` (0 for grants and rebates, 1 for tax credits) and ``status`` (``ok``,
        ``limited_by_cost`` when cut so the net cost stays ≥ 0, ``missing_inputs``,
        ``unknown_type``; the last two apply nothing).
    summary : dict
        ``capex``, ``total_incentives``, ``net_cost`` (= capex − total, tax credits included),
        ``upfront_incentives`` (year 0) and ``year1_incentives`` (tax credits).

    Raises
    ------
    TypeError
        When ``incentives`` is not a DataFrame.

    Notes
    -----
    Requested: :math:`R_k = \\min(p_k C / 100, A_k, \\text{cap}_k)` over the values given;
    applied in row order: :math:`a_k = \\min(R_k, C - \\sum_{j<k} a_j)`, so the net cost
    :math:`C - \\sum a_k` never goes below zero.

    **The order matters** when caps and percentages interact: every % applies to the capex
    (not to what the earlier incentives left), and the first incentive that would take the net
    cost below zero is cut to the cost left while the ones after it get nothing. When the
    requests add up to more than the capex, the order therefore decides which program is cut
    and how much cash arrives at t = 0 rather than with the year-1 tax return. A program whose
    % applies to the cost net of other help is entered as an amount.

    A tax credit is counted as cash in year 1 (it comes back with the first tax return), not as
    a lower price at t = 0.

    References
    ----------
    .. [1] Massachusetts Clearinghouse brief (seed-digest §7): stacking utility rebates, grants
       and tax credits.
    """
    if not isinstance(incentives, pd.DataFrame):
        raise TypeError("incentives must be a DataFrame")
    cost = _float(capex)
    types = _types(incentives)
    requested = _requested(_col(incentives, "amount"), _col(incentives, "pct_of_capex"), cost)
    cap = _col(incentives, "cap")
    requested = np.where(np.isnan(cap), requested, np.minimum(requested, cap))
    remaining, applied, after, status = cost, [], [], []
    for kind, req in zip(types, requested):
        if kind not in INCENTIVE_TYPES:
            a, code = 0.0, "unknown_type"
        elif np.isnan(req) or np.isnan(remaining):
            a, code = (0.0 if np.isnan(req) else np.nan), "missing_inputs"
        else:
            a = float(min(max(req, 0.0), max(remaining, 0.0)))
            code = "limited_by_cost" if a < req else "ok"
        remaining = remaining - a
        applied.append(a)
        after.append(remaining)
        status.append(code)
    applied = np.asarray(applied, dtype=float)
    year = np.array([INCENTIVE_YEAR.get(t, 0) for t in types], dtype=int)
    table = pd.DataFrame({"type": types, "requested": requested, "applied": applied,
                          "net_cost_after": np.asarray(after, dtype=float), "year": year, "status": status})
    total = float(applied.sum())
    summary = {"capex": cost, "total_incentives": total, "net_cost": cost - total,
               "upfront_incentives": float(applied[year == 0].sum()),
               "year1_incentives": float(applied[year == 1].sum())}
    return table, summary


def project_cashflows(capex: float, annual_saving, years, *, opex_change=0.0) -> np.ndarray:
    """Flat project flows for a quick example: −capex at t = 0, then the saving net of the
    operating cost (no escalation, replacement, salvage, carbon, tax or inflation).

    Parameters
    ----------
    capex : float
    annual_saving : float or array of length ``years``
        Money saved each year.
    years : int
        Years of saving (rounded; missing or negative → none).
    opex_change : float or array, default 0
        Extra operating cost each year (negative for a cost cut).

    Returns
    -------
    ndarray
        Length ``years + 1``: :math:`[-C, S_1 - O_1, \\dots, S_n - O_n]`.

    Notes
    -----
    Only a helper for flat (or hand-made) flows, e.g. in examples and tests. The project's real
    flows are the appraisal's, :func:`calc.finance.measure_cashflows` (escalation, replacements,
    salvage, other income, carbon value, tax, inflation); :func:`dscr`, :func:`equity_cashflows`
    and :func:`compare_financing` take those.
    """
    n = _whole(years) or 0
    return np.concatenate([[-_float(capex)], _per_year(annual_saving, n) - _per_year(opex_change, n)])


def equity_cashflows(project_cf, loan_principal: float, schedule: pd.DataFrame) -> np.ndarray:
    """The owner's cash flows when part of the project is paid with a loan.

    Parameters
    ----------
    project_cf : array
        The project's flows (t = 0 the investment, negative).
    loan_principal : float
        Loan received at t = 0.
    schedule : DataFrame
        From :func:`loan_schedule` (index year, column ``payment``).

    Returns
    -------
    ndarray
        :math:`E_0 = CF_0 + L = -(C - L)`, :math:`E_t = CF_t - P_t`. When the loan runs past
        the project's last year, the array is extended with the remaining payments (the project
        flow being 0), so no debt service is dropped.

    References
    ----------
    .. [1] Training deck, section 5: equity and credit.
    """
    cf = np.asarray(project_cf, dtype=float)
    years = schedule.index.to_numpy(dtype=int)
    n = max(len(cf) - 1, int(years.max()) if len(years) else 0)
    out = np.zeros(n + 1)
    out[:len(cf)] = cf
    out[0] += _float(loan_principal)
    np.subtract.at(out, years, schedule["payment"].to_numpy(dtype=float))
    return out


def dscr(project_cf, schedule: pd.DataFrame) -> pd.Series:
    """Debt service coverage ratio by year, from the project's real yearly net flows.

    Parameters
    ----------
    project_cf : array
        The project's yearly flows, t = 0 … N (the appraisal's row of
        :func:`calc.finance.measure_cashflows`: energy saving, other income and carbon value net
        of the operating-cost change, replacements in their year, salvage, after tax). Not flat
        gross savings: a replacement year must show its true cover.
    schedule : DataFrame
        From :func:`loan_schedule` (index year, column ``payment``).

    Returns
    -------
    Series
        ``dscr``, index ``year`` 1..max(project years, loan years); NaN in years without a
        payment; 0 in loan years after the project's last year (no flow to pay with).

    Notes
    -----
    .. math:: DSCR_t = \\frac{CF_t}{DS_t}, \\quad t \\ge 1

    with :math:`CF_t` the project's net operating cash flow of year t (its flow of that year;
    the initial investment at t = 0 is excluded, being what the loan pays for) and
    :math:`DS_t = I_t + Q_t` the debt service (interest + principal) of that year. A year with a
    replacement has a low or negative DSCR. Lenders of project finance (the deck's "the project
    is the security") commonly ask for a DSCR of about 1.2–1.3 or more each year; below 1 the
    project cannot pay its debt alone.

    References
    ----------
    .. [1] Training deck, section 5: credit, project finance.
    """
    cf = np.asarray(project_cf, dtype=float)
    years = schedule.index.to_numpy(dtype=int)
    n = max(len(cf) - 1, int(years.max()) if len(years) else 0)
    flow = np.zeros(n + 1)
    flow[:len(cf)] = cf
    payment = np.zeros(n + 1)
    payment[years] = schedule["payment"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(payment[1:] != 0, flow[1:] / payment[1:], np.nan)
    return pd.Series(ratio, index=pd.Index(np.arange(1, n + 1), name="year"), name="dscr")


def _with_npvs(out: dict, rate_pct) -> dict:
    """``out`` plus ``customer_npv`` and ``esco_npv`` at ``rate_pct`` [%] when a rate is given."""
    if rate_pct is not None:
        rate = _float(rate_pct) / 100.0
        out["customer_npv"] = float(npf.npv(rate, out["customer"]))
        out["esco_npv"] = float(npf.npv(rate, out["esco"]))
    return out


def esco_shared_savings(capex: float, annual_saving, *, share_pct: float, contract_years,
                        years, rate_pct=None) -> dict:
    """ESCO shared savings: the ESCO invests and takes a share of the verified saving.

    Parameters
    ----------
    capex : float
        Paid by the ESCO at t = 0.
    annual_saving : float or array of length ``years``
        The project's net flow of each year 1..years: a scalar for a flat saving, or the
        appraisal's ``flows[1:]`` (saving net of operating cost, replacements, salvage).
    share_pct : float
        The ESCO's share of the saving during the contract [%].
    contract_years : float
        Length of the contract [years]; a fractional one covers that share of its last year.
    years : int
        Years analysed.
    rate_pct : float, optional
        Discount rate [%/yr]; when given the result also holds the two NPVs.

    Returns
    -------
    dict
        ``customer`` and ``esco``: arrays of length ``years + 1``; with ``rate_pct`` also
        ``customer_npv`` and ``esco_npv`` (floats).

    Notes
    -----
    t = 0: ESCO :math:`-C`, customer 0. Year t inside the contract: ESCO :math:`s S_t`,
    customer :math:`(1 - s) S_t`; after it the customer keeps :math:`S_t`. Customer + ESCO =
    the project's flows (:math:`-C`, then :math:`S_t`). With the appraisal's flows the share
    applies to each contract year's net flow, so a replacement inside the contract is shared
    too. :func:`compare_financing`'s ``esco_shared`` row is this function's ``customer``.

    References
    ----------
    .. [1] Training deck, section 5: ESCO shared savings.
    """
    n = _whole(years) or 0
    saving = _per_year(annual_saving, n)
    share = _float(share_pct) / 100.0 * _share_active(n, contract_years)
    return _with_npvs({"customer": np.concatenate([[0.0], saving * (1.0 - share)]),
                       "esco": np.concatenate([[-_float(capex)], saving * share])}, rate_pct)


#: The ESCO's default fee under guaranteed savings: this share of the guaranteed saving in each
#: contract year [%]. It pays for design, installation management, M&V and the guarantee's risk;
#: an ASSUMPTION (typical offers are of this order) to replace with the offer's figure.
GUARANTEE_FEE_PCT = 10.0


def guarantee_fee(guaranteed_saving, fee_amount=None, fee_pct=None, years: int = 0) -> np.ndarray:
    """The ESCO's yearly fee under guaranteed savings, years 1..years (before the contract cut).

    Parameters
    ----------
    guaranteed_saving : float or array of length ``years``
    fee_amount : float, optional
        A fixed fee per year (the Financing row's ``amount``); wins when given.
    fee_pct : float, optional
        Fee as % of the guaranteed saving (the row's ``share_pct``); default
        :data:`GUARANTEE_FEE_PCT`.
    years : int

    Returns
    -------
    ndarray
        Length ``years``: :math:`F_t = A` or :math:`F_t = f \\max(G_t, 0)`.
    """
    n = _whole(years) or 0
    amount = _float(fee_amount)
    if not np.isnan(amount):
        return _per_year(amount, n)
    pct = _float(fee_pct)
    pct = GUARANTEE_FEE_PCT if np.isnan(pct) else pct
    return np.maximum(_per_year(guaranteed_saving, n), 0.0) * pct / 100.0


def esco_guaranteed_savings(capex: float, guaranteed_saving, actual_saving, *, contract_years, years,
                            fee_pct=None, esco_fee_per_year=None, rate_pct=None) -> dict:
    """ESCO guaranteed savings: the customer invests, the ESCO guarantees the saving for a fee.

    Parameters
    ----------
    capex : float
        Paid by the customer at t = 0 (from equity or a loan).
    guaranteed_saving, actual_saving : float or array of length ``years``
        Saving the ESCO guarantees and the one measured, each year 1..years (scalars for flat
        savings, or the appraisal's ``flows[1:]``).
    contract_years : float
        Length of the contract [years]; fee and guarantee apply inside it only.
    years : int
        Years analysed.
    fee_pct : float, optional
        The ESCO's yearly fee as % of the guaranteed saving; default :data:`GUARANTEE_FEE_PCT`
        (10 %).
    esco_fee_per_year : float or array, optional
        A fixed fee per year instead (wins over ``fee_pct`` when given).
    rate_pct : float, optional
        Discount rate [%/yr]; when given the result also holds the two NPVs.

    Returns
    -------
    dict
        ``customer`` and ``esco``: arrays of length ``years + 1``; with ``rate_pct`` also
        ``customer_npv`` and ``esco_npv``.

    Notes
    -----
    Fee :math:`F_t` (:func:`guarantee_fee`), shortfall :math:`D_t = \\max(0, G_t - A_t)`, both
    inside the contract only. Customer: :math:`-C` at t = 0, then :math:`A_t + D_t - F_t` inside
    the contract and :math:`A_t` after it; ESCO: 0 at t = 0 (the customer owns the equipment),
    :math:`F_t - D_t` inside the contract. Customer + ESCO = the project's flows. The ESCO's NPV
    is positive when the savings are delivered (:math:`A_t \\ge G_t`, the fee is its margin)
    and negative when the shortfalls it pays exceed its fee. :func:`compare_financing`'s
    ``esco_guaranteed`` row is this function's ``customer`` with the saving as both guaranteed
    and actual.

    References
    ----------
    .. [1] Training deck, section 5: ESCO guaranteed savings.
    """
    n = _whole(years) or 0
    active = _share_active(n, contract_years)
    actual = _per_year(actual_saving, n)
    shortfall = np.maximum(_per_year(guaranteed_saving, n) - actual, 0.0) * active
    given = esco_fee_per_year is not None and not (np.ndim(esco_fee_per_year) == 0
                                                   and np.isnan(_float(esco_fee_per_year)))
    fee = (_per_year(esco_fee_per_year, n) if given else guarantee_fee(guaranteed_saving, None, fee_pct, n)) * active
    return _with_npvs({"customer": np.concatenate([[-_float(capex)], actual + shortfall - fee]),
                       "esco": np.concatenate([[0.0], fee - shortfall])}, rate_pct)


def chauffage(capex: float, annual_energy_cost_before, annual_saving, *, price_discount_pct: float,
              contract_years, years, opex_per_year=0.0, rate_pct=None) -> dict:
    """Chauffage (energy supply contract): the ESCO builds and operates, the customer buys the
    energy delivered at a discount on its old bill.

    Parameters
    ----------
    capex : float
        Paid by the ESCO at t = 0.
    annual_energy_cost_before : float or array of length ``years``
        The customer's energy bill before the measure.
    annual_saving : float or array of length ``years``
        Energy cost saved by the plant each year (the actual cost is the old bill minus this);
        a scalar or the appraisal's ``flows[1:]``.
    price_discount_pct : float
        Discount on the old bill the customer gets during the contract [%].
    contract_years : float
    years : int
    opex_per_year : float or array, default 0
        Operating cost of the plant (the ESCO's during the contract, the customer's after).
    rate_pct : float, optional
        Discount rate [%/yr]; when given the result also holds the two NPVs.

    Returns
    -------
    dict
        ``customer`` (savings against the old bill) and ``esco`` (margin): length ``years + 1``;
        with ``rate_pct`` also ``customer_npv`` and ``esco_npv``.

    Notes
    -----
    During the contract the customer pays :math:`(1 - d) E_0` and so saves :math:`d E_0`; the
    ESCO's margin is :math:`(1 - d) E_0 - (E_0 - S) - O = S - d E_0 - O`. After the contract the
    plant passes to the customer, who keeps the full saving and runs the plant: :math:`S - O`.
    t = 0: ESCO :math:`-C`, customer 0. Customer + ESCO = the project's flows
    (:math:`-C`, then :math:`S_t - O_t`).

    References
    ----------
    .. [1] Training deck, section 5: chauffage / energy supply contract (the ESCO operates the
       plant, the customer pays for the energy delivered, the ESCO repays its lender).
    """
    n = _whole(years) or 0
    active = _share_active(n, contract_years)
    before, saving, opex = (_per_year(annual_energy_cost_before, n), _per_year(annual_saving, n),
                            _per_year(opex_per_year, n))
    discount = _float(price_discount_pct) / 100.0
    payment = (1.0 - discount) * before
    margin = payment - (before - saving) - opex
    customer = active * (before - payment) + (1.0 - active) * (saving - opex)
    return _with_npvs({"customer": np.concatenate([[0.0], customer]),
                       "esco": np.concatenate([[-_float(capex)], active * margin])}, rate_pct)


def _irr(flows: np.ndarray) -> tuple[float, str]:
    """The project's one IRR rule (:func:`calc.finance.irr_with_codes`: NaN with a code when there
    is no sign change or no root; the root nearest 10 % when there are several)."""
    irr, codes = irr_with_codes(np.asarray(flows, dtype=float))
    return float(irr[0]), str(codes[0] or "")


def _payback(flows: np.ndarray) -> float:
    """The project's one payback rule (:func:`calc.finance.payback_years`, the deck's: the first
    recovery)."""
    return float(payback_years(np.asarray(flows, dtype=float)))


def _add_at(flows: np.ndarray, year: int, amount: float) -> np.ndarray:
    out = np.concatenate([flows, np.zeros(max(0, year + 1 - len(flows)))])
    out[year] += amount
    return out


def _with_loans(flows: np.ndarray, loans: pd.DataFrame, capex: float, limit: float) -> np.ndarray:
    """Customer flows with every loan row, principal cut so the loans fund at most ``limit``."""
    principal = _requested(_col(loans, "amount"), _col(loans, "pct_of_capex"), capex)
    rates, terms = _col(loans, "rate_pct"), _col(loans, "term_years")
    graces = _col(loans, "grace_years") if "grace_years" in loans else np.zeros(len(loans))
    kinds = loans["loan_kind"].fillna("annuity").tolist() if "loan_kind" in loans else ["annuity"] * len(loans)
    left = limit
    for p, r, t, g, kind in zip(principal, rates, terms, graces, kinds):
        term = _whole(t)
        if np.isnan(p) or np.isnan(r) or term is None or term <= 0:
            return np.full(len(flows), np.nan)
        p = min(max(p, 0.0), max(left, 0.0))
        left -= p
        grace = _whole(g) if not np.isnan(g) else 0
        flows = equity_cashflows(flows, p, loan_schedule(p, r, term, grace_years=grace or 0,
                                                         kind=kind if kind in LOAN_KINDS else "annuity"))
    return flows


def compare_financing(capex: float, annual_saving, years, rate_pct: float, financing: pd.DataFrame,
                      *, lifetime_years=None) -> pd.DataFrame:
    """The customer's view of one measure under each way of paying for it.

    Parameters
    ----------
    capex : float
        The investment.
    annual_saving : float or array of length ``years``
        The project's net flow of each year 1..years. The appraisal passes its row's
        ``flows[1:]`` (:func:`calc.finance.measure_cashflows`: savings net of operating-cost
        changes, other income, carbon value, replacements, salvage, tax); a scalar is a flat
        saving. Every option is built from these same yearly flows.
    years : int
        Years analysed.
    rate_pct : float
        The customer's discount rate [%/yr].
    financing : DataFrame
        The ``Financing`` sheet filtered to this measure (``measure_id`` equal to it or "*"):
        ``type, amount, pct_of_capex, rate_pct, term_years, share_pct, contract_years``.
    lifetime_years : float, optional
        Only for a flat ``annual_saving``: years the saving lasts (default: all ``years``); no
        saving after it. Leave it out with the appraisal's flows (they already end, or are
        replaced, when the equipment's life ends).

    Returns
    -------
    DataFrame
        One row per option, in this order, when its rows exist: ``cash`` (always),
        ``loan``, ``incentives``, ``loan_incentives`` (both kinds present), ``esco_shared``,
        ``esco_guaranteed``. Columns ``option``, ``customer_net_cost`` (the customer's outlay at
        t = 0 after upfront incentives and loans: :math:`-CF_0`), ``npv`` (customer's flows at
        ``rate_pct``), ``irr`` (NaN when undefined, e.g. no outlay), ``irr_code`` (``""`` or
        the key of :data:`calc.finance.IRR_CODES` saying why or which root), ``payback_years``,
        ``cashflows`` (the customer's array) and ``status`` (``ok`` or ``missing_inputs`` when
        a needed value of the option's rows is empty; its numbers are then NaN).

    Raises
    ------
    TypeError
        When ``financing`` is not a DataFrame.

    Notes
    -----
    - cash: :math:`[-C, S_1, \\dots, S_n]` (equity, the deck's "vốn chủ sở hữu"; ``equity``
      rows change nothing): with the appraisal's flows, exactly its NPV, IRR and payback.
    - incentives: :func:`stack_incentives` in row order; grants and rebates at t = 0, tax
      credits in year 1.
    - loan: each loan row lends ``pct_of_capex`` % of the capex or ``amount`` (the smaller if
      both), at its ``rate_pct`` over its ``term_years`` after ``grace_years`` of interest only,
      as an annuity or with equal principal (``loan_kind``); loans together fund at
      most the cost left after the upfront incentives. Payments after the last year analysed
      extend the array.
    - esco_shared: the ``customer`` flows of :func:`esco_shared_savings` with the first such
      row's ``share_pct`` and ``contract_years`` (so the ESCO detail view of the same contract
      shows the same customer NPV). Incentives are not added to ESCO options (the investor
      claims them).
    - esco_guaranteed: the ``customer`` flows of :func:`esco_guaranteed_savings` with the first
      such row's ``contract_years``, the yearly flows as both guaranteed and actual saving, and
      the ESCO's fee: the row's ``amount`` per contract year, or its ``share_pct`` — default
      :data:`GUARANTEE_FEE_PCT` — % of the guaranteed saving.

    NPV :math:`= \\sum_t CF_t / (1 + i)^t` (``numpy_financial.npv``, t = 0 undiscounted);
    IRR and payback follow the project's one rule each (:func:`calc.finance.irr_with_codes`,
    :func:`calc.finance.payback_years`: years before the cumulative flow first reaches zero + the
    unrecovered amount / the next year's flow; ``inf`` when it is never recovered), so the
    "cash" option equals the appraisal of the same flows.

    LED case (deck): C = 160,000,000, S = 75,663,360 VND/yr, 5 years, 12 %: cash NPV
    112,749,480 VND, payback 2.11 years.

    References
    ----------
    .. [1] Training deck, section 5 "Chuẩn bị ngân sách đầu tư": equity, credit, ESCO.
    .. [2] Massachusetts Clearinghouse brief (seed-digest §7): stacked incentives and loans.
    .. [3] Training deck, section 4: NPV, IRR, payback.
    """
    if not isinstance(financing, pd.DataFrame):
        raise TypeError("financing must be a DataFrame")
    cost = _float(capex)
    n = _whole(years) or 0
    life = n if lifetime_years is None or pd.isna(lifetime_years) else lifetime_years
    saving = _per_year(annual_saving, n) * _share_active(n, life)
    cash = np.concatenate([[-cost], saving])
    rows = financing.reset_index(drop=True)
    types = _types(rows) if len(rows) else np.array([], dtype=object)
    loans = rows[types == "loan"]
    incentives = rows[np.isin(types, INCENTIVE_TYPES)]
    options = {"cash": cash}
    if len(incentives):
        _, summary = stack_incentives(cost, incentives)
        with_incentives = _add_at(cash.copy(), 0, summary["upfront_incentives"])
        if summary["year1_incentives"]:
            with_incentives = _add_at(with_incentives, 1, summary["year1_incentives"])
    if len(loans):
        options["loan"] = _with_loans(cash, loans, cost, cost)
    if len(incentives):
        options["incentives"] = with_incentives
    if len(loans) and len(incentives):
        options["loan_incentives"] = _with_loans(with_incentives, loans, cost,
                                                 cost - summary["upfront_incentives"])
    shared = rows[types == "esco_shared_savings"]
    if len(shared):
        row = shared.iloc[0]
        options["esco_shared"] = esco_shared_savings(
            cost, saving, share_pct=_float(row.get("share_pct")), contract_years=row.get("contract_years"),
            years=n)["customer"]
    guaranteed = rows[types == "esco_guaranteed_savings"]
    if len(guaranteed):
        row = guaranteed.iloc[0]
        options["esco_guaranteed"] = esco_guaranteed_savings(
            cost, saving, saving, contract_years=row.get("contract_years"), years=n,
            fee_pct=_float(row.get("share_pct")), esco_fee_per_year=_float(row.get("amount")))["customer"]
    rate = _float(rate_pct) / 100.0
    records = []
    for name, flows in options.items():
        bad = bool(np.isnan(flows).any())
        irr, code = _irr(flows)
        records.append({
            "option": name, "customer_net_cost": 0.0 - flows[0], "npv": float(npf.npv(rate, flows)),
            "irr": irr, "irr_code": code, "payback_years": _payback(flows), "cashflows": flows,
            "status": "missing_inputs" if bad else "ok"})
    return pd.DataFrame(records, columns=["option", "customer_net_cost", "npv", "irr", "irr_code", "payback_years",
                                          "cashflows", "status"])
