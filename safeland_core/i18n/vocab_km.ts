<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="km_KH">
<context>
    <name>Vocab</name>
    <message>
        <location filename="../labels.py" line="58"/>
        <source>Non-technical survey</source>
        <translation>ការស្ទង់មិនមែនបច្ចេកទេស</translation>
    </message>
    <message>
        <location filename="../labels.py" line="59"/>
        <source>Technical survey</source>
        <translation>ការស្ទង់បច្ចេកទេស</translation>
    </message>
    <message>
        <location filename="../labels.py" line="60"/>
        <source>Clearance</source>
        <translation>ការបោសសម្អាត</translation>
    </message>
    <message>
        <location filename="../labels.py" line="61"/>
        <source>EOD spot task</source>
        <translation>ការកម្ទេចគ្រាប់តាមការហៅ</translation>
    </message>
    <message>
        <location filename="../labels.py" line="64"/>
        <source>Manual</source>
        <translation>ដោយដៃ</translation>
    </message>
    <message>
        <location filename="../labels.py" line="65"/>
        <source>Mine detection dogs</source>
        <translation>ឆ្កែរាវរកមីន</translation>
    </message>
    <message>
        <location filename="../labels.py" line="66"/>
        <source>Mine detection rats</source>
        <translation>កណ្ដុររាវរកមីន</translation>
    </message>
    <message>
        <location filename="../labels.py" line="67"/>
        <source>Mechanical</source>
        <translation>គ្រឿងយន្ត</translation>
    </message>
    <message>
        <location filename="../labels.py" line="68"/>
        <source>EOD</source>
        <translation>កម្ទេចគ្រាប់ (EOD)</translation>
    </message>
    <message>
        <location filename="../labels.py" line="71"/>
        <location filename="../labels.py" line="82"/>
        <source>Anti-personnel mine</source>
        <translation>មីនប្រឆាំងមនុស្ស</translation>
    </message>
    <message>
        <location filename="../labels.py" line="72"/>
        <location filename="../labels.py" line="83"/>
        <source>Anti-tank mine</source>
        <translation>មីនប្រឆាំងរថក្រោះ</translation>
    </message>
    <message>
        <location filename="../labels.py" line="73"/>
        <location filename="../labels.py" line="85"/>
        <source>Unexploded ordnance</source>
        <translation>គ្រាប់មិនទាន់ផ្ទុះ</translation>
    </message>
    <message>
        <location filename="../labels.py" line="74"/>
        <source>Abandoned ordnance</source>
        <translation>គ្រាប់ដែលគេបោះបង់ចោល</translation>
    </message>
    <message>
        <location filename="../labels.py" line="75"/>
        <source>Cluster submunition</source>
        <translation>គ្រាប់បែកចង្កោមតូច</translation>
    </message>
    <message>
        <location filename="../labels.py" line="76"/>
        <location filename="../labels.py" line="86"/>
        <source>Improvised device</source>
        <translation>គ្រឿងផ្ទុះច្នៃប្រឌិត</translation>
    </message>
    <message>
        <location filename="../labels.py" line="77"/>
        <source>Small-arms ammunition</source>
        <translation>គ្រាប់អាវុធតូច</translation>
    </message>
    <message>
        <location filename="../labels.py" line="84"/>
        <source>Cluster munitions</source>
        <translation>គ្រាប់បែកចង្កោម</translation>
    </message>
    <message>
        <location filename="../labels.py" line="89"/>
        <source>Good</source>
        <translation>ល្អ</translation>
    </message>
    <message>
        <location filename="../labels.py" line="90"/>
        <source>Poor</source>
        <translation>ខ្សោយ</translation>
    </message>
    <message>
        <location filename="../labels.py" line="91"/>
        <source>Damaged</source>
        <translation>ខូចខាត</translation>
    </message>
    <message>
        <location filename="../labels.py" line="92"/>
        <source>Unknown</source>
        <translation>មិនដឹង</translation>
    </message>
    <message>
        <location filename="../labels.py" line="95"/>
        <source>Destroyed in situ</source>
        <translation>បំផ្លាញនៅនឹងកន្លែង</translation>
    </message>
    <message>
        <location filename="../labels.py" line="96"/>
        <source>Destroyed at demolition site</source>
        <translation>បំផ្លាញនៅកន្លែងកម្ទេច</translation>
    </message>
    <message>
        <location filename="../labels.py" line="97"/>
        <source>Handed over</source>
        <translation>បានប្រគល់</translation>
    </message>
    <message>
        <location filename="../labels.py" line="98"/>
        <source>Left marked</source>
        <translation>ទុកដោយមានសញ្ញាសម្គាល់</translation>
    </message>
    <message>
        <location filename="../labels.py" line="101"/>
        <source>Open</source>
        <translation>បើក</translation>
    </message>
    <message>
        <location filename="../labels.py" line="102"/>
        <source>In progress</source>
        <translation>កំពុងអនុវត្ត</translation>
    </message>
    <message>
        <location filename="../labels.py" line="103"/>
        <source>Completed</source>
        <translation>បានបញ្ចប់</translation>
    </message>
    <message>
        <location filename="../labels.py" line="104"/>
        <source>Cancelled</source>
        <translation>បានលុបចោល</translation>
    </message>
    <message>
        <location filename="../labels.py" line="107"/>
        <source>Draft</source>
        <translation>សេចក្ដីព្រាង</translation>
    </message>
    <message>
        <location filename="../labels.py" line="108"/>
        <source>Signed</source>
        <translation>បានចុះហត្ថលេខា</translation>
    </message>
    <message>
        <location filename="../labels.py" line="109"/>
        <source>Received by HQ</source>
        <translation>បានដល់ទីស្នាក់ការកណ្ដាល</translation>
    </message>
    <message>
        <location filename="../labels.py" line="110"/>
        <source>Accepted by HQ</source>
        <translation>ទីស្នាក់ការកណ្ដាលបានទទួលយក</translation>
    </message>
    <message>
        <location filename="../labels.py" line="111"/>
        <source>Returned by HQ</source>
        <translation>ទីស្នាក់ការកណ្ដាលបានបញ្ជូនត្រឡប់</translation>
    </message>
    <message>
        <location filename="../labels.py" line="112"/>
        <source>Rejected by HQ</source>
        <translation>ទីស្នាក់ការកណ្ដាលបានបដិសេធ</translation>
    </message>
    <message>
        <location filename="../labels.py" line="115"/>
        <source>Reference point</source>
        <translation>ចំណុចយោង</translation>
    </message>
    <message>
        <location filename="../labels.py" line="116"/>
        <source>Benchmark</source>
        <translation>ចំណុចគោល</translation>
    </message>
    <message>
        <location filename="../labels.py" line="117"/>
        <source>Start point</source>
        <translation>ចំណុចចាប់ផ្ដើម</translation>
    </message>
    <message>
        <location filename="../labels.py" line="118"/>
        <source>Turning point</source>
        <translation>ចំណុចបត់</translation>
    </message>
    <message>
        <location filename="../labels.py" line="119"/>
        <source>Intermediate point</source>
        <translation>ចំណុចកណ្ដាល</translation>
    </message>
    <message>
        <location filename="../labels.py" line="120"/>
        <source>End point</source>
        <translation>ចំណុចបញ្ចប់</translation>
    </message>
    <message>
        <location filename="../labels.py" line="121"/>
        <source>Evidence point</source>
        <translation>ចំណុចភស្តុតាង</translation>
    </message>
    <message>
        <location filename="../labels.py" line="124"/>
        <source>This laptop</source>
        <translation>កុំព្យូទ័រនេះ</translation>
    </message>
    <message>
        <location filename="../labels.py" line="125"/>
        <source>Headquarters</source>
        <translation>ទីស្នាក់ការកណ្ដាល</translation>
    </message>
    <message>
        <location filename="../labels.py" line="128"/>
        <source>Suspected hazardous area</source>
        <translation>តំបន់សង្ស័យថាមានគ្រោះថ្នាក់</translation>
    </message>
    <message>
        <location filename="../labels.py" line="129"/>
        <source>Confirmed hazardous area</source>
        <translation>តំបន់បញ្ជាក់ថាមានគ្រោះថ្នាក់</translation>
    </message>
    <message>
        <location filename="../labels.py" line="132"/>
        <source>Agriculture</source>
        <translation>កសិកម្ម</translation>
    </message>
    <message>
        <location filename="../labels.py" line="133"/>
        <source>Housing</source>
        <translation>លំនៅដ្ឋាន</translation>
    </message>
    <message>
        <location filename="../labels.py" line="134"/>
        <source>Infrastructure</source>
        <translation>ហេដ្ឋារចនាសម្ព័ន្ធ</translation>
    </message>
    <message>
        <location filename="../labels.py" line="135"/>
        <source>School</source>
        <translation>សាលារៀន</translation>
    </message>
    <message>
        <location filename="../labels.py" line="136"/>
        <source>Forest</source>
        <translation>ព្រៃឈើ</translation>
    </message>
    <message>
        <location filename="../labels.py" line="137"/>
        <source>Other</source>
        <translation>ផ្សេងៗ</translation>
    </message>
</context>
</TS>
