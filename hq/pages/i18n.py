"""The pages' words in English and Khmer, and the labels of vocabulary codes.

`label(code, lang)` is the one door to code labels: when the shared vocabulary catalogue
(safeland_core/labels.py) lands, it replaces the small table below. The Khmer here is a first
version for HQ officers to correct; the codes themselves never change.
"""
from __future__ import annotations

LANGS = ("en", "km")

# key: (English, Khmer)
WORDS: dict[str, tuple[str, str]] = {
    "app": ("Safeland HQ", "Safeland ទីស្នាក់ការកណ្តាល"),
    "sign_in": ("Sign in", "ចូលប្រើ"),
    "sign_out": ("Sign out", "ចាកចេញ"),
    "username": ("Username", "ឈ្មោះអ្នកប្រើ"),
    "password": ("Password", "ពាក្យសម្ងាត់"),
    "bad_sign_in": ("Wrong username or password.", "ឈ្មោះអ្នកប្រើ ឬពាក្យសម្ងាត់មិនត្រឹមត្រូវ។"),
    "too_many": ("Too many failed sign-ins. Try again in {minutes} minutes.",
                 "ការចូលប្រើខុសច្រើនដងពេក។ សូមព្យាយាមម្តងទៀតក្នុងរយៈពេល {minutes} នាទី។"),
    "signed_in_as": ("Signed in as", "បានចូលជា"),
    "reports": ("Reports", "របាយការណ៍"),
    "reports_to_review": ("Reports to review", "របាយការណ៍ត្រូវពិនិត្យ"),
    "devices": ("Devices", "ឧបករណ៍"),
    "users": ("Users", "អ្នកប្រើប្រាស់"),
    "language": ("Language", "ភាសា"),
    "unit": ("Unit", "អង្គភាព"),
    "site": ("Site", "តំបន់"),
    "state": ("State", "ស្ថានភាព"),
    "date": ("Date", "កាលបរិច្ឆេទ"),
    "from": ("From", "ពី"),
    "to": ("To", "ដល់"),
    "team": ("Team", "ក្រុម"),
    "team_leader": ("Team leader", "ប្រធានក្រុម"),
    "activity": ("Activity", "សកម្មភាព"),
    "all": ("All", "ទាំងអស់"),
    "any": ("any", "ទាំងអស់"),
    "filter": ("Filter", "ច្រោះ"),
    "clear": ("Clear", "សម្អាត"),
    "revision": ("Revision", "កំណែ"),
    "received": ("Received", "បានទទួល"),
    "received_at": ("Received at HQ", "ទទួលនៅទីស្នាក់ការ"),
    "devices_found": ("Devices found", "គ្រាប់ដែលបានរកឃើញ"),
    "no_reports": ("No report matches.", "គ្មានរបាយការណ៍ត្រូវនឹងការច្រោះទេ។"),
    "shown": ("{shown} of {total} shown", "បង្ហាញ {shown} ក្នុងចំណោម {total}"),
    "report": ("Report", "របាយការណ៍"),
    "fields": ("The report", "ខ្លឹមសាររបាយការណ៍"),
    "revisions": ("Revisions", "កំណែ"),
    "what_changed": ("What changed", "អ្វីដែលបានផ្លាស់ប្តូរ"),
    "first_revision": ("First revision", "កំណែដំបូង"),
    "no_change": ("No field changed.", "គ្មានការផ្លាស់ប្តូរ។"),
    "history": ("Activity", "ប្រវត្តិ"),
    "decide": ("Decision", "ការសម្រេច"),
    "accept": ("Accept", "ទទួលយក"),
    "return": ("Return to the team", "ផ្ញើត្រឡប់ទៅក្រុមវិញ"),
    "reject": ("Reject", "បដិសេធ"),
    "reason": ("Reason", "មូលហេតុ"),
    "return_reason": ("What should the team correct?", "តើក្រុមត្រូវកែអ្វីខ្លះ?"),
    "reject_reason": ("Why does this report not count?", "ហេតុអ្វីរបាយការណ៍នេះមិនរាប់បញ្ចូល?"),
    "decided": ("Decided", "បានសម្រេច"),
    "by": ("by", "ដោយ"),
    "ev_received": ("received from {who}", "បានទទួលពី {who}"),
    "ev_amended": ("amendment received from {who}", "បានទទួលការកែប្រែពី {who}"),
    "ev_imported": ("imported at HQ", "បាននាំចូលនៅទីស្នាក់ការ"),
    "ev_ACCEPTED": ("accepted", "បានទទួលយក"),
    "ev_RETURNED": ("returned to the team", "បានផ្ញើត្រឡប់ទៅក្រុមវិញ"),
    "ev_REJECTED": ("rejected", "បានបដិសេធ"),
    "field": ("Field", "ព័ត៌មាន"),
    "before": ("Before", "មុន"),
    "after": ("After", "ក្រោយ"),
    "category": ("Category", "ប្រភេទ"),
    "model": ("Model", "ម៉ូដែល"),
    "quantity": ("Quantity", "ចំនួន"),
    "condition": ("Condition", "ស្ថានភាពគ្រាប់"),
    "depth_cm": ("Depth (cm)", "ជម្រៅ (សង់ទីម៉ែត្រ)"),
    "disposal": ("Disposal", "ការកម្ទេច"),
    "position": ("Position", "ទីតាំង"),
    "none_found": ("No device found.", "មិនបានរកឃើញគ្រាប់ទេ។"),
    "name": ("Name", "ឈ្មោះ"),
    "operator": ("Operator", "ប្រតិបត្តិករ"),
    "enrolled": ("Enrolled", "បានចុះឈ្មោះ"),
    "waiting": ("waiting for enrollment", "កំពុងរង់ចាំការចុះឈ្មោះ"),
    "revoked": ("revoked", "បានដកសិទ្ធិ"),
    "active": ("active", "សកម្ម"),
    "last_seen": ("Last seen", "ឃើញចុងក្រោយ"),
    "never": ("never", "មិនធ្លាប់"),
    "register_device": ("Register a laptop", "ចុះឈ្មោះកុំព្យូទ័រយួរដៃ"),
    "register": ("Register", "ចុះឈ្មោះ"),
    "revoke": ("Revoke", "ដកសិទ្ធិ"),
    "code_once": ("Enrollment code for {name}. It is shown only this once; it works once and "
                  "expires {expires} UTC. On the laptop:",
                  "លេខកូដចុះឈ្មោះសម្រាប់ {name}។ វាបង្ហាញតែម្តងនេះប៉ុណ្ណោះ ប្រើបានតែម្តង "
                  "ហើយផុតកំណត់ {expires} UTC។ នៅលើកុំព្យូទ័រយួរដៃ៖"),
    "role": ("Role", "តួនាទី"),
    "role_viewer": ("viewer", "អ្នកមើល"),
    "role_reviewer": ("reviewer", "អ្នកពិនិត្យ"),
    "role_admin": ("admin", "អ្នកគ្រប់គ្រង"),
    "every_unit": ("every unit", "គ្រប់អង្គភាព"),
    "add_user": ("Add a user", "បន្ថែមអ្នកប្រើ"),
    "add": ("Add", "បន្ថែម"),
    "disable": ("Disable", "បិទ"),
    "disabled": ("disabled", "បានបិទ"),
    "new_password": ("New password", "ពាក្យសម្ងាត់ថ្មី"),
    "set_password": ("Set password", "កំណត់ពាក្យសម្ងាត់"),
    "created": ("Created", "បានបង្កើត"),
    "done": ("Done.", "រួចរាល់។"),
    "back": ("Back", "ត្រឡប់ក្រោយ"),
    "error": ("Something went wrong", "មានបញ្ហា"),
    "err_403": ("You may not do this with your role.", "តួនាទីរបស់អ្នកមិនអនុញ្ញាតឱ្យធ្វើការនេះទេ។"),
    "err_404": ("There is no such page, or it is not yours to see.",
                "គ្មានទំព័រនេះ ឬអ្នកមិនមានសិទ្ធិមើលវាទេ។"),
    "err_csrf": ("This form has expired or did not come from HQ's own page. Open the page "
                 "again and send it once more.",
                 "ទម្រង់នេះផុតកំណត់ ឬមិនមែនមកពីទំព័ររបស់ទីស្នាក់ការ។ សូមបើកទំព័រម្តងទៀត "
                 "ហើយផ្ញើម្តងទៀត។"),
    "err_500": ("HQ hit an unexpected error; it has been logged.",
                "ទីស្នាក់ការជួបបញ្ហាមិនរំពឹងទុក ហើយបានកត់ត្រាទុក។"),
    "err_503": ("HQ's database is busy or unreachable; try again shortly.",
                "មូលដ្ឋានទិន្នន័យកំពុងរវល់ ឬមិនអាចភ្ជាប់បាន សូមព្យាយាមម្តងទៀត។"),
    "err_other": ("The request could not be done.", "មិនអាចធ្វើសំណើនេះបានទេ។"),
    "sites": ("Sites", "តំបន់"),
    "reference": ("Reference", "លេខយោង"),
    "hazard_type": ("Hazard", "ប្រភេទគ្រោះថ្នាក់"),
    "site_status": ("Status", "ស្ថានភាព"),
    "area_m2": ("Area (m²)", "ផ្ទៃដី (ម²)"),
    "contamination": ("Contamination", "ការបំពុល"),
    "n_reports": ("Reports", "របាយការណ៍"),
    "proposed_sites": ("Proposed (found in the field)", "បានស្នើ (រកឃើញនៅទីវាល)"),
    "proposed_help": ("Sites a team found in the field and proposed. Confirm one to make it HQ's "
                      "(give its national reference, or keep the provisional one), or return it "
                      "to the team with what to correct.",
                      "តំបន់ដែលក្រុមបានរកឃើញនៅទីវាល ហើយបានស្នើ។ បញ្ជាក់ដើម្បីឱ្យវាក្លាយជារបស់"
                      "ទីស្នាក់ការ (ផ្តល់លេខយោងជាតិ ឬរក្សាលេខយោងបណ្តោះអាសន្ន) ឬផ្ញើត្រឡប់ទៅក្រុម"
                      "វិញជាមួយអ្វីដែលត្រូវកែ។"),
    "provisional_reference": ("Provisional reference", "លេខយោងបណ្តោះអាសន្ន"),
    "proposed_by": ("Proposed by", "ស្នើដោយ"),
    "national_reference": ("National reference (optional)", "លេខយោងជាតិ (មិនចាំបាច់)"),
    "accept_overlap": ("Confirm even if it overlaps another site",
                       "បញ្ជាក់ទោះបីវាត្រួតលើតំបន់ផ្សេងក៏ដោយ"),
    "confirm_site": ("Confirm", "បញ្ជាក់"),
    "return_site": ("Return to the team", "ផ្ញើត្រឡប់ទៅក្រុមវិញ"),
    "return_site_reason": ("What should the team correct?", "តើក្រុមត្រូវកែអ្វីខ្លះ?"),
    "site_confirmed": ("Site confirmed as {ref}. It reaches the unit's laptops at their next sync.",
                       "តំបន់ត្រូវបានបញ្ជាក់ជា {ref}។ វានឹងទៅដល់កុំព្យូទ័ររបស់អង្គភាពនៅពេលធ្វើសមកាលកម្មលើកក្រោយ។"),
    "site_returned": ("Site {ref} returned to its team with your reason.",
                      "តំបន់ {ref} ត្រូវបានផ្ញើត្រឡប់ទៅក្រុមវិញជាមួយមូលហេតុរបស់អ្នក។"),
    "found_in_field": ("Found in the field by a team", "រកឃើញនៅទីវាលដោយក្រុម"),
    "to_decide": ("confirm or return it", "បញ្ជាក់ ឬផ្ញើត្រឡប់"),
    "plan": ("Plan, drawn to scale", "ប្លង់តាមមាត្រដ្ឋាន"),
    "no_points": ("This site has no located points to draw.", "តំបន់នេះគ្មានចំណុចដែលមានកូអរដោនេ។"),
    "extent": ("{x} m east–west, {y} m north–south", "{x} ម៉ែត្រ កើត–លិច, {y} ម៉ែត្រ ជើង–ត្បូង"),
    "legend": ("T: turning point, BM: benchmark, RP: reference point, red: devices found",
               "T: ចំណុចបត់, BM: ចំណុចគោល, RP: ចំណុចយោង, ពណ៌ក្រហម: គ្រាប់ដែលបានរកឃើញ"),
    "notes": ("Notes", "កំណត់សម្គាល់"),
    "amend_reason": ("Reason for the amendment", "មូលហេតុនៃការកែប្រែ"),
}

FIELD_NAMES: dict[str, tuple[str, str]] = {
    "site_reference": ("Site", "តំបន់"),
    "date": ("Date of information", "កាលបរិច្ឆេទព័ត៌មាន"),
    "activity": ("Activity", "សកម្មភាព"),
    "assets": ("Assets", "មធ្យោបាយ"),
    "team": ("Team", "ក្រុម"),
    "team_leader": ("Team leader", "ប្រធានក្រុម"),
    "personnel": ("Personnel", "បុគ្គលិក"),
    "hours_worked": ("Hours worked", "ម៉ោងធ្វើការ"),
    "area_cleared_m2": ("Area cleared (m²)", "ផ្ទៃដីបានបោសសម្អាត (ម²)"),
    "area_reduced_m2": ("Area reduced (m²)", "ផ្ទៃដីបានកាត់បន្ថយ (ម²)"),
    "area_cancelled_m2": ("Area cancelled (m²)", "ផ្ទៃដីបានលុបចោល (ម²)"),
    "clearance_depth_cm": ("Clearance depth (cm)", "ជម្រៅបោសសម្អាត (សង់ទីម៉ែត្រ)"),
    "items": ("Devices found", "គ្រាប់ដែលបានរកឃើញ"),
    "notes": ("Notes", "កំណត់សម្គាល់"),
    "revision": ("Revision", "កំណែ"),
    "signed_at": ("Signed", "បានចុះហត្ថលេខា"),
    "amend_reason": ("Reason for the amendment", "មូលហេតុនៃការកែប្រែ"),
}

# Vocabulary codes (DOMAIN.md's lists) and HQ's review states.
CODES: dict[str, tuple[str, str]] = {
    "RECEIVED": ("Received", "បានទទួល"),
    "PROPOSED": ("Proposed", "បានស្នើ"),
    "CONFIRMED": ("Confirmed by HQ", "ទីស្នាក់ការបានបញ្ជាក់"),
    "OPEN": ("Open", "បើក"),
    "IN_PROGRESS": ("In progress", "កំពុងដំណើរការ"),
    "COMPLETED": ("Completed", "បានបញ្ចប់"),
    "CANCELLED": ("Cancelled", "បានលុបចោល"),
    "SHA": ("Suspected (SHA)", "សង្ស័យ (SHA)"),
    "CHA": ("Confirmed (CHA)", "បញ្ជាក់ (CHA)"),
    "CLUSTER": ("Cluster munitions", "គ្រាប់បែកចង្កោម"),
    "ACCEPTED": ("Accepted", "បានទទួលយក"),
    "RETURNED": ("Returned", "បានផ្ញើត្រឡប់"),
    "REJECTED": ("Rejected", "បានបដិសេធ"),
    "NON_TECHNICAL_SURVEY": ("Non-technical survey", "ការស្ទង់មិនប្រើបច្ចេកទេស"),
    "TECHNICAL_SURVEY": ("Technical survey", "ការស្ទង់បច្ចេកទេស"),
    "CLEARANCE": ("Clearance", "ការបោសសម្អាត"),
    "EOD_SPOT_TASK": ("EOD spot task", "ការកម្ទេចគ្រាប់តាមការហៅ"),
    "MANUAL": ("Manual", "ដោយដៃ"),
    "MDD": ("Mine detection dog", "សត្វឆ្កែរាវរកមីន"),
    "MDR": ("Mine detection rat", "សត្វកណ្តុររាវរកមីន"),
    "MECHANICAL": ("Mechanical", "គ្រឿងយន្ត"),
    "EOD": ("EOD", "កម្ទេចគ្រាប់មិនទាន់ផ្ទុះ"),
    "AP_MINE": ("Anti-personnel mine", "មីនប្រឆាំងមនុស្ស"),
    "AT_MINE": ("Anti-tank mine", "មីនប្រឆាំងរថក្រោះ"),
    "UXO": ("Unexploded ordnance", "គ្រាប់មិនទាន់ផ្ទុះ"),
    "AXO": ("Abandoned ordnance", "គ្រាប់បោះបង់ចោល"),
    "SUBMUNITION": ("Cluster submunition", "គ្រាប់បែកចង្កោមតូច"),
    "IED": ("Improvised explosive device", "គ្រឿងផ្ទុះធ្វើដោយដៃ"),
    "SAA": ("Small-arms ammunition", "គ្រាប់អាវុធធុនតូច"),
    "GOOD": ("Good", "ល្អ"),
    "POOR": ("Poor", "ខ្សោយ"),
    "DAMAGED": ("Damaged", "ខូច"),
    "UNKNOWN": ("Unknown", "មិនដឹង"),
    "DESTROYED_IN_SITU": ("Destroyed in situ", "កម្ទេចនៅនឹងកន្លែង"),
    "DESTROYED_AT_DEMOLITION_SITE": ("Destroyed at a demolition site", "កម្ទេចនៅទីតាំងកម្ទេច"),
    "HANDED_OVER": ("Handed over", "បានប្រគល់"),
    "LEFT_MARKED": ("Left marked", "ទុកដោយមានសញ្ញាសម្គាល់"),
}


def lang_of(value: str | None) -> str:
    return value if value in LANGS else "en"


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "km" else pair[0]


def word(key: str, lang: str, **values: object) -> str:
    text = _pick(WORDS[key], lang) if key in WORDS else key
    return text.format(**values) if values else text


def label(code: object, lang: str) -> str:
    """A vocabulary code's label in `lang`; an unknown code (a list HQ extended) shows as itself."""
    text = str(code) if code is not None else ""
    return _pick(CODES[text], lang) if text in CODES else text


def field_name(key: str, lang: str) -> str:
    return _pick(FIELD_NAMES[key], lang) if key in FIELD_NAMES else key
