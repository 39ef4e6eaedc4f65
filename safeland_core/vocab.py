"""Controlled lists from DOMAIN.md. Stored and exchanged as their upper-case names.

HQ may extend these lists later (pulled down as list extensions); until then they are closed.
"""
from __future__ import annotations

from enum import StrEnum


class HazardType(StrEnum):
    SHA = "SHA"
    CHA = "CHA"


class Contamination(StrEnum):
    AP_MINE = "AP_MINE"
    AT_MINE = "AT_MINE"
    CLUSTER = "CLUSTER"
    UXO = "UXO"
    IED = "IED"


class SiteStatus(StrEnum):
    OPEN = "OPEN"
    IN_PROGRESS = "IN_PROGRESS"
    COMPLETED = "COMPLETED"
    CANCELLED = "CANCELLED"


class Activity(StrEnum):
    NON_TECHNICAL_SURVEY = "NON_TECHNICAL_SURVEY"
    TECHNICAL_SURVEY = "TECHNICAL_SURVEY"
    CLEARANCE = "CLEARANCE"
    EOD_SPOT_TASK = "EOD_SPOT_TASK"


class Asset(StrEnum):
    MANUAL = "MANUAL"
    MDD = "MDD"
    MDR = "MDR"
    MECHANICAL = "MECHANICAL"
    EOD = "EOD"


class PointType(StrEnum):
    REFERENCE = "REFERENCE"
    BENCHMARK = "BENCHMARK"
    START = "START"
    TURNING = "TURNING"
    INTERMEDIATE = "INTERMEDIATE"
    END = "END"
    EVIDENCE = "EVIDENCE"


# The points that make up a hazardous area's perimeter, in `seq` order.
PERIMETER_TYPES = frozenset({PointType.START, PointType.TURNING, PointType.INTERMEDIATE, PointType.END})


class EOCategory(StrEnum):
    AP_MINE = "AP_MINE"
    AT_MINE = "AT_MINE"
    UXO = "UXO"
    AXO = "AXO"
    SUBMUNITION = "SUBMUNITION"
    IED = "IED"
    SAA = "SAA"


class Condition(StrEnum):
    GOOD = "GOOD"
    POOR = "POOR"
    DAMAGED = "DAMAGED"
    UNKNOWN = "UNKNOWN"


class Disposal(StrEnum):
    DESTROYED_IN_SITU = "DESTROYED_IN_SITU"
    DESTROYED_AT_DEMOLITION_SITE = "DESTROYED_AT_DEMOLITION_SITE"
    HANDED_OVER = "HANDED_OVER"
    LEFT_MARKED = "LEFT_MARKED"


class LandUse(StrEnum):
    AGRICULTURE = "AGRICULTURE"
    HOUSING = "HOUSING"
    INFRASTRUCTURE = "INFRASTRUCTURE"
    SCHOOL = "SCHOOL"
    FOREST = "FOREST"
    OTHER = "OTHER"


class ReportStatus(StrEnum):
    """A report's state on the laptop and in safeland/1 files. DRAFT and SIGNED are the team
    leader's; ACCEPTED, RETURNED (what to correct) and REJECTED (why it does not count) are HQ's
    decision on the signed revision, pulled down by sync. HQ's own RECEIVED ("sent, nobody has
    judged it yet") is not a laptop state: HQ exports it as SIGNED, and whether a signed report
    reached HQ is the outbox's fact (sent on DATE), not a status."""

    DRAFT = "DRAFT"
    SIGNED = "SIGNED"
    ACCEPTED = "ACCEPTED"
    RETURNED = "RETURNED"
    REJECTED = "REJECTED"


# HQ's decisions on a signed revision (the review feed's `decision`).
REVIEW_DECISIONS = frozenset({ReportStatus.ACCEPTED, ReportStatus.RETURNED, ReportStatus.REJECTED})


class Owner(StrEnum):
    """Who may edit a site row: this device, or HQ (assigned sites, changed only by pull)."""

    DEVICE = "DEVICE"
    HQ = "HQ"


# Common models in Cambodia, by category: suggestions for the items table, not a closed list.
MODEL_CATALOGUE: dict[EOCategory, tuple[str, ...]] = {
    EOCategory.AP_MINE: ("PMN", "PMN-2", "Type 72A", "Type 69", "MD-82B", "POMZ-2M", "M16A1", "PMD-6"),
    EOCategory.AT_MINE: ("TM-46", "TM-57", "Type 72", "M15", "TM-62M"),
    EOCategory.UXO: ("60 mm mortar", "82 mm mortar", "105 mm projectile", "107 mm rocket",
                     "B40 rocket", "M79 grenade", "Aircraft bomb 250 lb", "Aircraft bomb 500 lb"),
    EOCategory.AXO: ("Hand grenade", "Mortar (stored)", "Fuze"),
    EOCategory.SUBMUNITION: ("BLU-24/B", "BLU-26/B", "BLU-61/B", "M42", "M77"),
    EOCategory.IED: ("Pressure-plate IED", "Command-wire IED"),
    EOCategory.SAA: ("7.62 mm", "12.7 mm", "5.56 mm"),
}
