<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="km_KH">
<context>
    <name>SiteSheet</name>
    <message>
        <location filename="../sheets/labels.py" line="54"/>
        <source>Site sheet</source>
        <translation>សន្លឹកទីតាំង</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="55"/>
        <source>Operator</source>
        <translation>ប្រតិបត្តិករ</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="56"/>
        <source>Unit</source>
        <translation>អង្គភាព</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="57"/>
        <source>Reference</source>
        <translation>លេខយោង</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="58"/>
        <source>Site name</source>
        <translation>ឈ្មោះទីតាំង</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="59"/>
        <source>Hazard type</source>
        <translation>ប្រភេទតំបន់គ្រោះថ្នាក់</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="60"/>
        <source>Status</source>
        <translation>ស្ថានភាព</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="61"/>
        <source>Contamination</source>
        <translation>ការបំពុល</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="62"/>
        <source>Intended land use</source>
        <translation>ការប្រើប្រាស់ដីគ្រោងទុក</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="63"/>
        <source>Printed on</source>
        <translation>ថ្ងៃបោះពុម្ព</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="64"/>
        <source>Data as of</source>
        <translation>ទិន្នន័យគិតត្រឹម</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="65"/>
        <source>no reports yet</source>
        <translation>មិនទាន់មានរបាយការណ៍</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="66"/>
        <source>Reached HQ</source>
        <translation>បានដល់ទីស្នាក់ការកណ្ដាល</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="67"/>
        <source>All sent to HQ</source>
        <translation>បានផ្ញើទាំងអស់ទៅទីស្នាក់ការកណ្ដាល</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="68"/>
        <source>NOT ALL SENT to HQ</source>
        <translation>មិនទាន់ផ្ញើទាំងអស់ទៅទីស្នាក់ការកណ្ដាល</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="69"/>
        <source>%1 drafts, %2 waiting</source>
        <translation>សេចក្ដីព្រាង %1 រង់ចាំ %2</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="70"/>
        <source>Location</source>
        <translation>ទីតាំងភូមិសាស្ត្រ</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="71"/>
        <source>Province</source>
        <translation>ខេត្ត</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="72"/>
        <source>District</source>
        <translation>ស្រុក</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="73"/>
        <source>Commune</source>
        <translation>ឃុំ</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="74"/>
        <source>Village</source>
        <translation>ភូមិ</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="75"/>
        <source>not recorded</source>
        <translation>មិនបានកត់ត្រា</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="76"/>
        <source>Sketch of the hazardous area</source>
        <translation>គំនូសព្រាងតំបន់គ្រោះថ្នាក់</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="77"/>
        <source>No polygon recorded</source>
        <translation>មិនទាន់បានកត់ត្រាពហុកោណ</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="78"/>
        <source>N</source>
        <translation>ជ</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="79"/>
        <source>Scale</source>
        <translation>មាត្រដ្ឋាន</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="80"/>
        <source>printed at 100 %</source>
        <translation>ពេលបោះពុម្ពទំហំ ១០០ %</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="81"/>
        <source>Reference point: %1 m at %2° from the centre of the area</source>
        <translation>ចំណុចយោង៖ %1 ម៉ែត្រ ទិស %2° ពីចំណុចកណ្ដាលតំបន់</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="83"/>
        <source>Hazardous area (hatched)</source>
        <translation>តំបន់គ្រោះថ្នាក់ (គូសឆូត)</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="84"/>
        <source>Points</source>
        <translation>ចំណុច</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="85"/>
        <source>No points recorded</source>
        <translation>មិនទាន់បានកត់ត្រាចំណុច</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="86"/>
        <source>Type</source>
        <translation>ប្រភេទ</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="87"/>
        <source>No.</source>
        <translation>លេខ</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="88"/>
        <source>Latitude</source>
        <translation>រយៈទទឹង</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="89"/>
        <source>Longitude</source>
        <translation>រយៈបណ្ដោយ</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="90"/>
        <source>UTM zone, E, N</source>
        <translation>UTM តំបន់, E, N</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="91"/>
        <source>Bearing °</source>
        <translation>ទិស °</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="92"/>
        <source>Distance m</source>
        <translation>ចម្ងាយ ម៉ែត្រ</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="93"/>
        <source>Land release</source>
        <translation>ការដោះលែងដី</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="94"/>
        <source>Area</source>
        <translation>ផ្ទៃដី</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="95"/>
        <source>Cleared</source>
        <translation>បានបោសសម្អាត</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="96"/>
        <source>Reduced</source>
        <translation>បានកាត់បន្ថយ</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="97"/>
        <source>Cancelled</source>
        <translation>បានលុបចោល</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="98"/>
        <source>Remaining</source>
        <translation>នៅសល់</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="99"/>
        <source>Released</source>
        <translation>បានដោះលែង</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="100"/>
        <source>Area not recorded: percentage unknown</source>
        <translation>មិនបានកត់ត្រាផ្ទៃដី៖ មិនដឹងភាគរយ</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="101"/>
        <source>%1 reports over %2 days</source>
        <translation>របាយការណ៍ %1 ក្នុងរយៈពេល %2 ថ្ងៃ</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="102"/>
        <source>Teams</source>
        <translation>ក្រុម</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="103"/>
        <source>Devices found</source>
        <translation>គ្រាប់ដែលរកឃើញ</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="104"/>
        <source>Category</source>
        <translation>ប្រភេទ</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="105"/>
        <source>Model</source>
        <translation>ម៉ូដែល</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="106"/>
        <source>Quantity</source>
        <translation>ចំនួន</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="107"/>
        <source>Disposal</source>
        <translation>ការចាត់ចែង</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="108"/>
        <source>Total</source>
        <translation>សរុប</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="109"/>
        <source>No devices found</source>
        <translation>មិនបានរកឃើញគ្រាប់</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="110"/>
        <source>Daily log</source>
        <translation>កំណត់ហេតុប្រចាំថ្ងៃ</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="111"/>
        <source>continued</source>
        <translation>ត</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="112"/>
        <source>Date</source>
        <translation>កាលបរិច្ឆេទ</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="113"/>
        <source>Team</source>
        <translation>ក្រុម</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="114"/>
        <source>Activity</source>
        <translation>សកម្មភាព</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="115"/>
        <source>Assets</source>
        <translation>មធ្យោបាយ</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="116"/>
        <source>Cleared m²</source>
        <translation>សម្អាត ម²</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="117"/>
        <source>Reduced m²</source>
        <translation>កាត់បន្ថយ ម²</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="118"/>
        <source>Cancelled m²</source>
        <translation>លុបចោល ម²</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="119"/>
        <source>Devices</source>
        <translation>គ្រាប់</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="120"/>
        <source>Signed?</source>
        <translation>ហត្ថលេខា?</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="121"/>
        <source>Rev.</source>
        <translation>កំណែ</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="122"/>
        <source>No daily reports yet</source>
        <translation>មិនទាន់មានរបាយការណ៍ប្រចាំថ្ងៃ</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="123"/>
        <source>Signatures</source>
        <translation>ហត្ថលេខា</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="124"/>
        <source>Team leader</source>
        <translation>ប្រធានក្រុម</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="125"/>
        <source>QA officer</source>
        <translation>មន្ត្រីធានាគុណភាព</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="126"/>
        <source>Name</source>
        <translation>ឈ្មោះ</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="127"/>
        <source>Signature</source>
        <translation>ហត្ថលេខា</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="128"/>
        <source>Page %1 of %2</source>
        <translation>ទំព័រ %1 នៃ %2</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="129"/>
        <source>Key</source>
        <translation>សេចក្ដីពន្យល់</translation>
    </message>
</context>
</TS>
