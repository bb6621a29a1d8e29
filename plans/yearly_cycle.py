"""The plan's yearly cycle (årshjul) as the plan's section 6.1 describes it, as data for the
plan index: the steps in the plan's own words, where each falls in the year, and which one the
year has reached today. The template draws it as an SVG wheel and writes it out as a list.

The plan dates the approval ("december måned"), the start ("med virkning fra 1. januar") and
the Lokalråd meetings ("i januar måned"); the draft it places only "inden årets udgang", so the
wheel draws that step as the months before December, and the list says what the plan says.
"""

import datetime
import math
from dataclasses import dataclass

MONTHS = "jan feb mar apr maj jun jul aug sep okt nov dec".split()
MONTH_NAMES = (
    "januar februar marts april maj juni juli august september oktober november december".split()
)


@dataclass(frozen=True)
class Step:
    number: int
    title: str
    when: str  # as the plan says it
    text: str  # the plan's words (section 6.1)
    months: tuple  # the months (1-12) the wheel draws it over


STEPS = (
    Step(
        1,
        "Udkast til næste års plan",
        "Inden årets udgang",
        "Ledelsessekretariatet ved Sydøstjyllands Politi udfærdiger i samarbejde med Det "
        "Kriminalpræventive Sekretariat et udkast til samarbejdsplanen for det følgende år.",
        (9, 10, 11),
    ),
    Step(
        2,
        "Kredsrådet godkender planen",
        "December",
        "Samarbejdsplanen forelægges for Kredsrådet til godkendelse i december måned.",
        (12,),
    ),
    Step(
        3,
        "Planen træder i kraft",
        "1. januar",
        "Med baggrund i Kredsrådets beslutning implementeres samarbejdsplanen med virkning fra "
        "1. januar det følgende år.",
        (1,),
    ),
    Step(
        4,
        "Lokalrådsmøder og handlingsplaner",
        "Januar",
        "Lokalrådene afholder i januar måned et lokalrådsmøde, hvor samarbejdsplanens operative "
        "fokusområder gennemgås og implementeres gennem en samordnet handlingsplan.",
        (1,),
    ),
)

SIZE = 320
CENTRE = SIZE / 2
MONTH_RADIUS = (92, 128)  # inner and outer radius of the month ring
STEP_RADIUS = (132, 150)  # the steps' ring outside it


def _point(angle, radius):
    """The point at `angle` (0 = top, clockwise, in degrees) and radius, as SVG coordinates:
    strings with a decimal point, which the Danish locale would otherwise print as a comma."""
    radians = math.radians(angle - 90)
    x, y = CENTRE + radius * math.cos(radians), CENTRE + radius * math.sin(radians)
    return f"{x:.1f}", f"{y:.1f}"


def _sector(start_angle, end_angle, inner, outer):
    large = 1 if end_angle - start_angle > 180 else 0
    x1, y1 = _point(start_angle, outer)
    x2, y2 = _point(end_angle, outer)
    x3, y3 = _point(end_angle, inner)
    x4, y4 = _point(start_angle, inner)
    return (
        f"M {x1} {y1} A {outer} {outer} 0 {large} 1 {x2} {y2} "
        f"L {x3} {y3} A {inner} {inner} 0 {large} 0 {x4} {y4} Z"
    )


def _day_angle(day):
    start = datetime.date(day.year, 1, 1)
    length = (datetime.date(day.year + 1, 1, 1) - start).days
    return 360 * (day - start).days / length


def current_step(today):
    """The step the year has reached: the one whose months include today's, else none (the
    plan is simply in force, from February until the draft begins)."""
    for step in STEPS:
        if today.month in step.months:
            return step
    return None


def yearly_cycle(today):
    now = current_step(today)
    months = []
    for index, name in enumerate(MONTHS):
        start, end = index * 30, (index + 1) * 30
        label_x, label_y = _point(start + 15, sum(MONTH_RADIUS) / 2)
        months.append(
            {
                "name": name,
                "full_name": MONTH_NAMES[index],
                "path": _sector(start + 0.5, end - 0.5, *MONTH_RADIUS),
                "label_x": label_x,
                "label_y": label_y,
                "is_current": index + 1 == today.month,
            }
        )
    steps = []
    for step in STEPS:
        first, last = min(step.months), max(step.months)
        # Two steps in January share the month: each takes half of it on the outer ring.
        sharing = [other for other in STEPS if other.months == step.months]
        share = sharing.index(step)
        width = 30 * (last - first + 1) / len(sharing)
        start = (first - 1) * 30 + share * width
        label_x, label_y = _point(start + width / 2, sum(STEP_RADIUS) / 2)
        steps.append(
            {
                "step": step,
                "path": _sector(start + 1, start + width - 1, *STEP_RADIUS),
                "label_x": label_x,
                "label_y": label_y,
                "is_current": step is now,
            }
        )
    angle = _day_angle(today)
    marker_x, marker_y = _point(angle, STEP_RADIUS[1] + 6)
    inner_x, inner_y = _point(angle, MONTH_RADIUS[0] - 20)
    return {
        "size": SIZE,
        "centre": f"{CENTRE:.1f}",
        "months": months,
        "steps": steps,
        "today": today,
        "current_step": now,
        "marker": {"x1": inner_x, "y1": inner_y, "x2": marker_x, "y2": marker_y},
    }
