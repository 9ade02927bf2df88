#!/usr/bin/python3
r"""The dashboard's point figures from a CSV export, with pandas: a baseline for bench/dashboard.sh.

It computes what build_dashboard (src/domain/dashboard.cpp) computes from the rows that
service/dashboard_store.cpp reads, for all teams, for the whole population ("all") and per
neighbourhood: reach, one face, plans, getting things done, trust, human scale and outreach, the
same figures as bench/dashboard.sql. Shares come with their Wilson 95% interval; medians are type 7
(the mean of the two middle values) without the server's bootstrap interval; nothing is
suppressed (the caller compares only the figures the server shows).

Run, with the Debian python3-pandas:
    /usr/bin/python3 bench/dashboard_pandas.py CSV_DIR START END TODAY NOW
START and END: the period's first and end instant, UTC, END exclusive, in the stored text format
(2026-09-05T22:00:00Z); TODAY: the Amsterdam date of NOW (2026-12-05); NOW: UTC, the same format.
stdout: one line per figure and group, tab-separated: metric, group, n, value, ci_low, ci_high
(ci_* empty for medians and totals). stderr: "read S s" (the CSV files) and "computed S s".

CSV_DIR holds the export of bench/dashboard_export.sql (psql -X -q "$url" -v dir=CSV_DIR -f
bench/dashboard_export.sql): one CSV file per table, with the columns named there.
"""

import sys
import time

import numpy as np
import pandas as pd

STORED_TIME = "%Y-%m-%dT%H:%M:%S%z"  # "...Z": pandas' fast ISO 8601 reader, read as UTC
EPOCH = pd.Timestamp(0, tz="UTC")
HOUR = 3600
DAY = 86400
Z = 1.959963984540054  # 95%
AGREEMENTS = ["completely_disagree", "disagree", "neutral", "agree", "completely_agree"]  # dont_know left out
ROUTES = ["website", "phone", "walk_in", "outreach", "referred"]

# Per file: the columns read as text (the rest as numbers).
TABLES = {
    "neighbourhoods": ["name"],
    "postcode_ranges": ["postcode_from", "postcode_to"],
    "households": ["postcode"],
    "referrals": ["postcode", "created_at", "promised_by", "first_contact_at", "arrived_via"],
    "contacts": ["at"],
    "fixed_contact_changes": ["kind", "warm_handover_on", "changed_at"],
    "what_matters": ["confirmed_on"],
    "resident_requests": ["kind", "asked_at"],
    "breakthroughs": ["state", "asked_at", "decided_at"],
    "experience_responses": ["quarter", "answers"],
    "users": ["role"],
    "teams": [],
    "outreach_activities": ["starts_at", "ends_at"],
}


def seconds(text):
    """Stored UTC times -> seconds since the epoch (float; NaN where there is none)."""
    return (pd.to_datetime(text, format=STORED_TIME, utc=True) - EPOCH) / pd.Timedelta(seconds=1)


def seconds_of(stamp):
    return (pd.Timestamp(stamp) - EPOCH) / pd.Timedelta(seconds=1)


def quarter_in_amsterdam(unix_seconds):
    local = pd.Timestamp(int(unix_seconds), unit="s", tz="UTC").tz_convert("Europe/Amsterdam")
    return f"{local.year}-Q{(local.month - 1) // 3 + 1}"


def thousandths(index):
    """index * 1000 rounded half away from zero (llround), for indices >= 0."""
    scaled = index * 1000
    whole = np.floor(scaled)
    return whole + (scaled - whole >= 0.5)


def neighbourhood_of(postcodes, neighbourhoods, ranges):
    """postcode -> the first neighbourhood, by name, whose range holds it (bytewise), for those in one."""
    named = ranges.merge(neighbourhoods, left_on="neighbourhood_id", right_on="id")
    distinct = pd.DataFrame({"postcode": postcodes.dropna().unique()})
    pairs = distinct.merge(named[["name", "postcode_from", "postcode_to"]], how="cross")
    pairs = pairs[(pairs["postcode_from"] <= pairs["postcode"]) & (pairs["postcode"] <= pairs["postcode_to"])]
    return pairs.sort_values(["postcode", "name"]).drop_duplicates("postcode").set_index("postcode")["name"]


def per_group(kind, hood, columns):
    """Figures per neighbourhood and for "all". columns: metric -> Series aligned with hood; NaN is
    not counted. share: 1.0 yes, 0.0 no; median: the values. Rows: metric, group, kind, n, yes, value."""
    frame = pd.DataFrame(columns, index=hood.index)
    statistic = "sum" if kind == "share" else "median"
    table = frame.groupby(hood.to_numpy()).agg(["count", statistic])
    table.loc["all"] = frame.agg(["count", statistic]).unstack()  # columns (metric, statistic)
    table = table.stack(level=0).rename_axis(["group", "metric"]).reset_index()
    table = table.rename(columns={"count": "n", statistic: "yes" if kind == "share" else "value"})
    table["kind"] = kind
    return table[table["n"] > 0]


def whole_only(kind, metric, n, yes=np.nan, value=np.nan):
    return pd.DataFrame({"metric": [metric], "group": ["all"], "kind": [kind], "n": [n], "yes": [yes],
                         "value": [value]})


def flag(condition, counted):
    """A share's unit: 1.0 / 0.0 where counted, NaN where not."""
    return condition.astype(float).where(counted)


def reach(referrals, household_hood, postcode_hood, start, end, today):
    period = referrals[(referrals["created_at"] >= start) & (referrals["created_at"] < end)]
    # Its own postcode's neighbourhood first, then its household's.
    hood = (period["postcode"].map(postcode_hood)
            .fillna(period["household_id"].map(household_hood)).fillna("unknown"))
    contacted = period["first_contact_at"].notna()
    first_day = (pd.to_datetime(period["first_contact_at"], unit="s", utc=True)
                 .dt.tz_convert("Europe/Amsterdam").dt.tz_localize(None).dt.normalize())
    promised = pd.to_datetime(period["promised_by"], format="%Y-%m-%d")
    kept = flag(contacted & (first_day <= promised), contacted | (period["promised_by"] < today))
    hours = (period["first_contact_at"] - period["created_at"]).clip(lower=0) // HOUR  # NaN: no contact
    arrived = {f"arrived_{route}": (period["arrived_via"] == route).astype(float) for route in ROUTES}
    in_neighbourhood = flag(period["arrived_via"].isin(["outreach", "walk_in"]), contacted)
    return [per_group("share", hood, {"promise_kept": kept, **arrived,
                                      "first_contact_in_neighbourhood": in_neighbourhood}),
            per_group("median", hood, {"hours_to_first_contact": hours})]


def one_face(contacts, changes, plans, requests, household_hood, start, end):
    period = contacts[(contacts["at"] >= start) & (contacts["at"] < end)]
    # SECON: each household's contacts by time, ties in the order logged (id).
    period = period.iloc[np.lexsort((period["id"].to_numpy(), period["at"].to_numpy(),
                                     period["household_id"].to_numpy()))]
    household = period["household_id"].to_numpy()
    face = period["involved_id"].to_numpy()
    same = np.r_[False, (household[1:] == household[:-1]) & (face[1:] == face[:-1])]
    recent = period["at"].to_numpy() > end - 1 - 90 * DAY  # the server's now is end - 1 s
    faces = (pd.DataFrame({"household": household, "face": face, "recent": recent, "same": same})
             .groupby(["household", "face"]).agg(n_j=("same", "size"), recent=("recent", "any"), same=("same", "sum")))
    faces["square"] = faces["n_j"] ** 2
    per = faces.groupby(level="household").agg(n=("n_j", "sum"), faces=("n_j", "size"), faces_90d=("recent", "sum"),
                                                most=("n_j", "max"), squares=("square", "sum"), same=("same", "sum"))
    n = per["n"].where(per["n"] >= 2)  # no index below 2 contacts
    changed = changes[(changes["kind"] != "assignment") & (changes["changed_at"] >= end - 365 * DAY) &
                      (changes["changed_at"] < end)]
    changes_in_year = changed.groupby("household_id").size().reindex(per.index, fill_value=0)
    asked = requests[(requests["kind"] == "another_contact") & (requests["asked_at"] >= start) &
                     (requests["asked_at"] < end)]["household_id"]
    newest_plan = plans.sort_values("id").drop_duplicates("household_id", keep="last").set_index("household_id")
    confirmed = newest_plan["confirmed_on"].notna().reindex(per.index, fill_value=False)
    hood = pd.Series(per.index.map(household_hood), index=per.index)
    everyone = pd.Series(True, index=per.index)
    medians = per_group("median", hood, {"distinct_faces": per["faces"].astype(float),
                                         "upc": thousandths(per["most"] / n),
                                         "coc": thousandths((per["squares"] - n) / (n * (n - 1))),
                                         "secon": thousandths(per["same"] / (n - 1))})
    # The indices' medians are of thousandths; shown as 0..1, as the API does.
    medians.loc[medians["metric"].isin(["upc", "coc", "secon"]), "value"] /= 1000
    return [medians,
            per_group("share", hood, {
                "continuity_flagged": flag((per["faces_90d"] > 3) | (changes_in_year > 1), everyone),
                "asked_another_contact": flag(pd.Series(per.index.isin(asked), index=per.index), everyone),
                "plan_confirmed": flag(confirmed, everyone)})]


def warm_handover(changes, household_hood, start, end):
    handovers = changes[(changes["kind"] != "assignment") & changes["from_user_id"].notna() &
                        (changes["changed_at"] >= start) & (changes["changed_at"] < end)]
    hood = handovers["household_id"].map(household_hood)
    return [per_group("share", hood, {"warm_handover": handovers["warm_handover_on"].notna().astype(float)})]


def getting_done(breakthroughs, household_hood, start, end):
    decided = breakthroughs[(breakthroughs["asked_at"] >= start) & (breakthroughs["asked_at"] < end) &
                            breakthroughs["state"].isin(["granted", "rejected", "executed"]) &
                            breakthroughs["decided_at"].notna()]
    hood = decided["household_id"].map(household_hood)
    granted = decided["state"].isin(["granted", "executed"])
    cents = np.where(decided["state"] == "executed",
                     decided["actual_cents"].fillna(decided["granted_cents"]).fillna(0),
                     decided["granted_cents"].fillna(0))
    spend = int(cents[granted.to_numpy()].sum())
    hours = (decided["decided_at"] - decided["asked_at"]).clip(lower=0) // HOUR
    return [per_group("share", hood, {"breakthrough_granted": granted.astype(float)}),
            per_group("median", hood, {"hours_to_decision": hours}),
            whole_only("total", "spend_euro", int(granted.sum()), value=spend / 100)]


def trust(responses, start, end):
    first, last = quarter_in_amsterdam(start), quarter_in_amsterdam(end - 1)
    chosen = responses[(responses["quarter"] >= first) & (responses["quarter"] <= last)]
    pairs = chosen["answers"].fillna("").str.split(",").explode()
    # statement=agreement, split at the first "="; a pair without one is no answer.
    answers = pairs.str.extract(r"(?s)^(?P<statement>[^=]*)=(?P<agreement>.*)$").dropna()
    answered = answers[answers["agreement"].isin(AGREEMENTS)]
    table = (answered.assign(agree=answered["agreement"].isin(["agree", "completely_agree"]))
             .groupby("statement")["agree"].agg(n="size", yes="sum").reset_index())
    return [pd.DataFrame({"metric": "agree_" + table["statement"], "group": "all", "kind": "share",
                          "n": table["n"], "yes": table["yes"], "value": np.nan})]


def human_scale(users, teams, households):
    professionals = users[(users["role"] == "professional") & (users["active"] == 1)].merge(
        teams, left_on="team_id", right_on="id", suffixes=("", "_team"))
    caseload = professionals["id"].map(households["fixed_contact_id"].value_counts()).fillna(0)
    n = len(professionals)
    return [whole_only("share", "over_cap", n, yes=int((caseload > professionals["caseload_cap"]).sum())),
            whole_only("median", "caseload", n, value=caseload.median())]


def outreach(activities, start, end, now):
    held = activities[(activities["starts_at"] >= start) & (activities["starts_at"] < end) &
                      (activities["starts_at"] <= now)]
    n = len(held)
    hours = float((held["ends_at"] - held["starts_at"]).sum()) / HOUR
    met = float(held["residents_met"].fillna(0).sum())
    return [whole_only("total", "outreach_hours", n, value=hours),
            whole_only("total", "outreach_residents_met", n, value=met)]


def with_wilson(figures):
    """value = yes / n for shares, with the Wilson 95% interval (exactly 0 or 1 at the ends)."""
    share = figures["kind"] == "share"
    n = figures["n"].astype(float).where(share)
    yes = figures["yes"].astype(float)
    p = yes / n
    z2 = Z * Z
    denominator = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denominator
    half = Z * np.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator
    figures = figures.assign(value=p.where(share, figures["value"]),
                             ci_low=np.where(yes == 0, 0.0, np.maximum(0.0, centre - half)),
                             ci_high=np.where(yes == n, 1.0, np.minimum(1.0, centre + half)))
    figures.loc[~share, ["ci_low", "ci_high"]] = np.nan
    return figures


def main():
    if len(sys.argv) != 6:
        sys.exit("usage: dashboard_pandas.py CSV_DIR START END TODAY NOW")
    csv_dir, start_text, end_text, today, now_text = sys.argv[1:]
    began = time.perf_counter()
    data = {name: pd.read_csv(f"{csv_dir}/{name}.csv", dtype={column: str for column in text},
                              keep_default_na=False, na_values=[""])
            for name, text in TABLES.items()}
    read = time.perf_counter() - began

    began = time.perf_counter()
    start, end, now = seconds_of(start_text), seconds_of(end_text), seconds_of(now_text)
    for name, columns in {"referrals": ["created_at", "first_contact_at"], "contacts": ["at"],
                          "fixed_contact_changes": ["changed_at"], "resident_requests": ["asked_at"],
                          "breakthroughs": ["asked_at", "decided_at"],
                          "outreach_activities": ["starts_at", "ends_at"]}.items():
        for column in columns:
            data[name][column] = seconds(data[name][column])
    households = data["households"]
    postcode_hood = neighbourhood_of(pd.concat([households["postcode"], data["referrals"]["postcode"]]),
                                     data["neighbourhoods"], data["postcode_ranges"])
    household_hood = households["postcode"].map(postcode_hood).fillna("unknown").set_axis(households["id"])

    changes = data["fixed_contact_changes"]
    figures = pd.concat(
        reach(data["referrals"], household_hood, postcode_hood, start, end, today)
        + one_face(data["contacts"], changes, data["what_matters"], data["resident_requests"], household_hood,
                   start, end)
        + warm_handover(changes, household_hood, start, end)
        + getting_done(data["breakthroughs"], household_hood, start, end)
        + trust(data["experience_responses"], start, end)
        + human_scale(data["users"], data["teams"], households)
        + outreach(data["outreach_activities"], start, end, now),
        ignore_index=True)
    figures = with_wilson(figures).astype({"n": np.int64}).sort_values(["metric", "group"])
    computed = time.perf_counter() - began

    figures[["metric", "group", "n", "value", "ci_low", "ci_high"]].to_csv(
        sys.stdout, sep="\t", header=False, index=False, na_rep="")
    print(f"read {read:.3f} s ({sum(len(frame) for frame in data.values())} rows in {len(data)} CSV files)",
          file=sys.stderr)
    print(f"computed {computed:.3f} s ({len(figures)} figures)", file=sys.stderr)


if __name__ == "__main__":
    main()
