<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="km_KH">
<context>
    <name>SiteSheet</name>
    <message>
        <location filename="../sheets/labels.py" line="50"/>
        <source>Site sheet</source>
        <translation>សន្លឹកព័ត៌មានទីតាំង</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="51"/>
        <source>Operator</source>
        <translation>ប្រតិបត្តិករ</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="52"/>
        <source>Unit</source>
        <translation>អង្គភាព</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="53"/>
        <source>Reference</source>
        <translation>លេខយោង</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="54"/>
        <source>Site name</source>
        <translation>ឈ្មោះទីតាំង</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="55"/>
        <source>Hazard type</source>
        <translation>ប្រភេទតំបន់គ្រោះថ្នាក់</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="56"/>
        <source>Status</source>
        <translation>ស្ថានភាព</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="57"/>
        <source>Contamination</source>
        <translation>ការបំពុល</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="58"/>
        <source>Intended land use</source>
        <translation>ការប្រើប្រាស់ដីគ្រោងទុក</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="59"/>
        <source>Printed on</source>
        <translation>ថ្ងៃបោះពុម្ព</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="60"/>
        <source>Data as of</source>
        <translation>ទិន្នន័យគិតត្រឹម</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="61"/>
        <source>no reports yet</source>
        <translation>មិនទាន់មានរបាយការណ៍</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="62"/>
        <source>Reached HQ</source>
        <translation>បានដល់ទីស្នាក់ការកណ្ដាល</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="63"/>
        <source>All sent to HQ</source>
        <translation>បានផ្ញើទាំងអស់ទៅទីស្នាក់ការកណ្ដាល</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="64"/>
        <source>NOT ALL SENT to HQ</source>
        <translation>មិនទាន់ផ្ញើទាំងអស់ទៅទីស្នាក់ការកណ្ដាល</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="65"/>
        <source>%1 drafts, %2 waiting</source>
        <translation>សេចក្ដីព្រាង %1 រង់ចាំ %2</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="66"/>
        <source>Location</source>
        <translation>ទីតាំង</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="67"/>
        <source>Province</source>
        <translation>ខេត្ត</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="68"/>
        <source>District</source>
        <translation>ស្រុក</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="69"/>
        <source>Commune</source>
        <translation>ឃុំ</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="70"/>
        <source>Village</source>
        <translation>ភូមិ</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="71"/>
        <source>not recorded</source>
        <translation>មិនបានកត់ត្រា</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="72"/>
        <source>Sketch of the hazardous area</source>
        <translation>គំនូសព្រាងតំបន់គ្រោះថ្នាក់</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="73"/>
        <source>No polygon recorded</source>
        <translation>មិនទាន់បានកត់ត្រាពហុកោណ</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="74"/>
        <source>N</source>
        <translation>ជ</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="75"/>
        <source>Scale</source>
        <translation>មាត្រដ្ឋាន</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="76"/>
        <source>printed at 100 %</source>
        <translation>ពេលបោះពុម្ពទំហំ ១០០ %</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="77"/>
        <source>Reference point: %1 m at %2° from the centre of the area</source>
        <translation>ចំណុចយោង៖ %1 ម៉ែត្រ ទិស %2° ពីចំណុចកណ្ដាលតំបន់</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="78"/>
        <source>Hazardous area (hatched)</source>
        <translation>តំបន់គ្រោះថ្នាក់ (គូសឆូត)</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="79"/>
        <source>Points</source>
        <translation>ចំណុច</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="80"/>
        <source>No points recorded</source>
        <translation>មិនទាន់បានកត់ត្រាចំណុច</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="81"/>
        <source>Type</source>
        <translation>ប្រភេទ</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="82"/>
        <source>No.</source>
        <translation>លេខ</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="83"/>
        <source>Latitude</source>
        <translation>រយៈទទឹង</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="84"/>
        <source>Longitude</source>
        <translation>រយៈបណ្ដោយ</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="85"/>
        <source>Bearing °</source>
        <translation>ទិស °</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="86"/>
        <source>Distance m</source>
        <translation>ចម្ងាយ ម៉ែត្រ</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="87"/>
        <source>Land release</source>
        <translation>ការដោះលែងដី</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="88"/>
        <source>Area</source>
        <translation>ផ្ទៃដី</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="89"/>
        <source>Cleared</source>
        <translation>បានបោសសម្អាត</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="90"/>
        <source>Reduced</source>
        <translation>បានកាត់បន្ថយ</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="91"/>
        <source>Cancelled</source>
        <translation>បានលុបចោល</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="92"/>
        <source>Remaining</source>
        <translation>នៅសល់</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="93"/>
        <source>Released</source>
        <translation>បានដោះលែង</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="94"/>
        <source>Area not recorded: percentage unknown</source>
        <translation>មិនបានកត់ត្រាផ្ទៃដី៖ មិនដឹងភាគរយ</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="95"/>
        <source>%1 reports over %2 days</source>
        <translation>របាយការណ៍ %1 ក្នុងរយៈពេល %2 ថ្ងៃ</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="96"/>
        <source>Teams</source>
        <translation>ក្រុម</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="97"/>
        <source>Devices found</source>
        <translation>វត្ថុផ្ទុះដែលបានរកឃើញ</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="98"/>
        <source>Category</source>
        <translation>ប្រភេទ</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="99"/>
        <source>Model</source>
        <translation>ម៉ូដែល</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="100"/>
        <source>Quantity</source>
        <translation>ចំនួន</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="101"/>
        <source>Disposal</source>
        <translation>ការចាត់ចែង</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="102"/>
        <source>Total</source>
        <translation>សរុប</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="103"/>
        <source>No devices found</source>
        <translation>មិនបានរកឃើញវត្ថុផ្ទុះ</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="104"/>
        <source>Daily log</source>
        <translation>កំណត់ហេតុប្រចាំថ្ងៃ</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="105"/>
        <source>continued</source>
        <translation>ត</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="106"/>
        <source>Date</source>
        <translation>កាលបរិច្ឆេទ</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="107"/>
        <source>Team</source>
        <translation>ក្រុម</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="108"/>
        <source>Activity</source>
        <translation>សកម្មភាព</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="109"/>
        <source>Assets</source>
        <translation>មធ្យោបាយ</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="110"/>
        <source>Cleared m²</source>
        <translation>សម្អាត ម²</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="111"/>
        <source>Reduced m²</source>
        <translation>កាត់បន្ថយ ម²</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="112"/>
        <source>Cancelled m²</source>
        <translation>លុបចោល ម²</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="113"/>
        <source>Devices</source>
        <translation>វត្ថុផ្ទុះ</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="114"/>
        <source>Signed?</source>
        <translation>ហត្ថលេខា?</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="115"/>
        <source>Rev.</source>
        <translation>កំណែ</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="116"/>
        <source>No daily reports yet</source>
        <translation>មិនទាន់មានរបាយការណ៍ប្រចាំថ្ងៃ</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="117"/>
        <source>Signatures</source>
        <translation>ហត្ថលេខា</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="118"/>
        <source>Team leader</source>
        <translation>ប្រធានក្រុម</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="119"/>
        <source>QA officer</source>
        <translation>មន្ត្រីធានាគុណភាព</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="120"/>
        <source>Name</source>
        <translation>ឈ្មោះ</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="121"/>
        <source>Signature</source>
        <translation>ហត្ថលេខា</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="122"/>
        <source>Page %1 of %2</source>
        <translation>ទំព័រ %1 នៃ %2</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="123"/>
        <source>Key</source>
        <translation>សេចក្ដីពន្យល់</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="125"/>
        <source>SHA (suspected)</source>
        <translation>SHA (សង្ស័យ)</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="126"/>
        <source>CHA (confirmed)</source>
        <translation>CHA (បញ្ជាក់)</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="128"/>
        <source>Open</source>
        <translation>បើក</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="129"/>
        <source>In progress</source>
        <translation>កំពុងអនុវត្ត</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="130"/>
        <source>Completed</source>
        <translation>បានបញ្ចប់</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="131"/>
        <source>Cancelled (site)</source>
        <translation>បានលុបចោល</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="132"/>
        <source>Draft</source>
        <translation>សេចក្ដីព្រាង</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="133"/>
        <source>Signed</source>
        <translation>បានចុះហត្ថលេខា</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="134"/>
        <source>Accepted</source>
        <translation>បានទទួលយក</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="135"/>
        <source>Returned</source>
        <translation>បានបញ្ជូនត្រឡប់</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="137"/>
        <source>Non-technical survey</source>
        <translation>ការស្ទង់មិនមែនបច្ចេកទេស</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="138"/>
        <source>Technical survey</source>
        <translation>ការស្ទង់បច្ចេកទេស</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="139"/>
        <source>Clearance</source>
        <translation>ការបោសសម្អាត</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="140"/>
        <source>EOD spot task</source>
        <translation>ការកម្ទេចគ្រាប់តាមការហៅ</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="142"/>
        <source>Manual</source>
        <translation>ដោយដៃ</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="143"/>
        <source>Dogs (MDD)</source>
        <translation>ឆ្កែរាវរកមីន</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="144"/>
        <source>Rats (MDR)</source>
        <translation>កណ្ដុររាវរកមីន</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="145"/>
        <source>Mechanical</source>
        <translation>គ្រឿងយន្ត</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="146"/>
        <source>EOD</source>
        <translation>កម្ទេចគ្រាប់ (EOD)</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="148"/>
        <source>Reference point</source>
        <translation>ចំណុចយោង</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="149"/>
        <source>Benchmark</source>
        <translation>ចំណុចគោល</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="150"/>
        <source>Start point</source>
        <translation>ចំណុចចាប់ផ្ដើម</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="151"/>
        <source>Turning point</source>
        <translation>ចំណុចបត់</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="152"/>
        <source>Intermediate point</source>
        <translation>ចំណុចកណ្ដាល</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="153"/>
        <source>End point</source>
        <translation>ចំណុចបញ្ចប់</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="154"/>
        <source>Evidence point</source>
        <translation>ចំណុចភស្តុតាង</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="156"/>
        <source>AP mine</source>
        <translation>មីនប្រឆាំងមនុស្ស</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="157"/>
        <source>AT mine</source>
        <translation>មីនប្រឆាំងរថក្រោះ</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="158"/>
        <source>Cluster munitions</source>
        <translation>គ្រាប់បែកចង្កោម</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="159"/>
        <source>UXO</source>
        <translation>គ្រាប់មិនទាន់ផ្ទុះ</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="160"/>
        <source>AXO</source>
        <translation>គ្រាប់ដែលគេបោះបង់ចោល</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="161"/>
        <source>Submunition</source>
        <translation>គ្រាប់រង</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="162"/>
        <source>IED</source>
        <translation>គ្រឿងផ្ទុះច្នៃប្រឌិត</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="163"/>
        <source>Small-arms ammunition</source>
        <translation>គ្រាប់អាវុធតូច</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="165"/>
        <source>Destroyed in situ</source>
        <translation>បំផ្លាញនៅនឹងកន្លែង</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="166"/>
        <source>Destroyed at demolition site</source>
        <translation>បំផ្លាញនៅកន្លែងកម្ទេច</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="167"/>
        <source>Handed over</source>
        <translation>បានប្រគល់</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="168"/>
        <source>Left marked</source>
        <translation>ទុកដោយមានសញ្ញាសម្គាល់</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="170"/>
        <source>Agriculture</source>
        <translation>កសិកម្ម</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="171"/>
        <source>Housing</source>
        <translation>លំនៅដ្ឋាន</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="172"/>
        <source>Infrastructure</source>
        <translation>ហេដ្ឋារចនាសម្ព័ន្ធ</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="173"/>
        <source>School</source>
        <translation>សាលារៀន</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="174"/>
        <source>Forest</source>
        <translation>ព្រៃឈើ</translation>
    </message>
    <message>
        <location filename="../sheets/labels.py" line="175"/>
        <source>Other</source>
        <translation>ផ្សេងៗ</translation>
    </message>
</context>
</TS>
