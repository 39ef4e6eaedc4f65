<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="km_KH">
<context>
    <name>EnrollDialog</name>
    <message>
        <location filename="../ui/sync_ui.py" line="355"/>
        <source>Connect to HQ</source>
        <translation>ភ្ជាប់ទៅទីស្នាក់ការកណ្ដាល</translation>
    </message>
    <message>
        <location filename="../ui/sync_ui.py" line="360"/>
        <source>HQ address</source>
        <translation>អាសយដ្ឋានទីស្នាក់ការកណ្ដាល</translation>
    </message>
    <message>
        <location filename="../ui/sync_ui.py" line="361"/>
        <source>Enrollment code</source>
        <translation>លេខកូដចុះឈ្មោះ</translation>
    </message>
    <message>
        <location filename="../ui/sync_ui.py" line="364"/>
        <source>Connect</source>
        <translation>ភ្ជាប់</translation>
    </message>
    <message>
        <location filename="../ui/sync_ui.py" line="365"/>
        <source>Cancel</source>
        <translation>បោះបង់</translation>
    </message>
    <message>
        <location filename="../ui/sync_ui.py" line="370"/>
        <source>Ask HQ to register this laptop; HQ gives an address and a one-time code.</source>
        <translation>សូមស្នើទីស្នាក់ការកណ្ដាលឱ្យចុះឈ្មោះកុំព្យូទ័រនេះ ទីស្នាក់ការកណ្ដាលនឹងផ្ដល់អាសយដ្ឋាន និងលេខកូដប្រើបានតែម្ដង។</translation>
    </message>
    <message>
        <location filename="../ui/sync_ui.py" line="382"/>
        <source>The address starts with http:// or https://</source>
        <translation>អាសយដ្ឋានត្រូវចាប់ផ្ដើមដោយ http:// ឬ https://</translation>
    </message>
    <message>
        <location filename="../ui/sync_ui.py" line="385"/>
        <source>Enter the code HQ gave you.</source>
        <translation>សូមបញ្ចូលលេខកូដដែលទីស្នាក់ការកណ្ដាលបានផ្ដល់ឱ្យ។</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../ui/errors.py" line="61"/>
        <source>The folder is read-only</source>
        <translation>ថតឯកសារនេះអាចអានបានតែប៉ុណ្ណោះ</translation>
    </message>
    <message>
        <location filename="../ui/errors.py" line="62"/>
        <source>Safeland could not save because the folder %1 is read-only (Safeland writes small files beside the database there). Nothing was saved. Copy the database to a folder you can write, such as Documents, and open it from there, or ask whoever looks after this laptop to make the folder writable.</source>
        <translation>Safeland មិនអាចរក្សាទុកបានទេ ព្រោះថតឯកសារ %1 អាចអានបានតែប៉ុណ្ណោះ (Safeland ត្រូវសរសេរឯកសារតូចៗនៅក្បែរមូលដ្ឋានទិន្នន័យនៅទីនោះ)។ គ្មានអ្វីត្រូវបានរក្សាទុកទេ។ សូមចម្លងមូលដ្ឋានទិន្នន័យទៅថតដែលអ្នកអាចសរសេរបាន ដូចជា Documents ហើយបើកវាពីទីនោះ ឬសុំអ្នកថែទាំកុំព្យូទ័រយួរដៃនេះឱ្យធ្វើឱ្យថតនោះអាចសរសេរបាន។</translation>
    </message>
    <message>
        <location filename="../ui/errors.py" line="69"/>
        <source>The database is read-only</source>
        <translation>មូលដ្ឋានទិន្នន័យអាចអានបានតែប៉ុណ្ណោះ</translation>
    </message>
    <message>
        <location filename="../ui/errors.py" line="70"/>
        <source>Safeland could not save because the database %1 is read-only. Nothing was saved. Copy it to a folder you can write, such as Documents, and open it from there, or ask whoever looks after this laptop to make it writable.</source>
        <translation>Safeland មិនអាចរក្សាទុកបានទេ ព្រោះមូលដ្ឋានទិន្នន័យ %1 អាចអានបានតែប៉ុណ្ណោះ។ គ្មានអ្វីត្រូវបានរក្សាទុកទេ។ សូមចម្លងវាទៅថតដែលអ្នកអាចសរសេរបាន ដូចជា Documents ហើយបើកវាពីទីនោះ ឬសុំអ្នកថែទាំកុំព្យូទ័រយួរដៃនេះឱ្យធ្វើឱ្យវាអាចសរសេរបាន។</translation>
    </message>
    <message>
        <location filename="../ui/errors.py" line="75"/>
        <source>The disk is full</source>
        <translation>ថាសពេញ</translation>
    </message>
    <message>
        <location filename="../ui/errors.py" line="76"/>
        <source>Safeland could not save because the disk is full. Nothing was half-saved. Free some space (empty the recycle bin, remove old files) and try again.</source>
        <translation>Safeland មិនអាចរក្សាទុកបានទេ ព្រោះថាសពេញ។ គ្មានអ្វីត្រូវបានរក្សាទុកពាក់កណ្ដាលទេ។ សូមបង្កើតទំហំទំនេរ (សម្អាតធុងសំរាម លុបឯកសារចាស់ៗ) រួចព្យាយាមម្ដងទៀត។</translation>
    </message>
    <message>
        <location filename="../ui/errors.py" line="90"/>
        <source>Made by a newer Safeland</source>
        <translation>បង្កើតដោយ Safeland កំណែថ្មីជាង</translation>
    </message>
    <message>
        <location filename="../ui/errors.py" line="91"/>
        <source>This database was written by a newer version of Safeland. Update Safeland to open it. The file has not been changed.</source>
        <translation>មូលដ្ឋានទិន្នន័យនេះត្រូវបានសរសេរដោយ Safeland កំណែថ្មីជាង។ សូមធ្វើបច្ចុប្បន្នភាព Safeland ដើម្បីបើកវា។ ឯកសារមិនត្រូវបានកែប្រែទេ។</translation>
    </message>
    <message>
        <location filename="../ui/errors.py" line="96"/>
        <source>The database cannot be read</source>
        <translation>មិនអាចអានមូលដ្ឋានទិន្នន័យបានទេ</translation>
    </message>
    <message>
        <location filename="../ui/errors.py" line="97"/>
        <source>This file is damaged or is not a Safeland database. Choose another file, or open the demo data. Safeland makes a dated backup beside your database before every upgrade.</source>
        <translation>ឯកសារនេះខូច ឬមិនមែនជាមូលដ្ឋានទិន្នន័យ Safeland ទេ។ សូមជ្រើសរើសឯកសារផ្សេង ឬបើកទិន្នន័យសាកល្បង។ Safeland ធ្វើច្បាប់បម្រុងទុកមានកាលបរិច្ឆេទ នៅក្បែរមូលដ្ឋានទិន្នន័យរបស់អ្នក មុនរាល់ការធ្វើបច្ចុប្បន្នភាព។</translation>
    </message>
    <message>
        <location filename="../ui/errors.py" line="103"/>
        <source>The database is busy</source>
        <translation>មូលដ្ឋានទិន្នន័យកំពុងជាប់រវល់</translation>
    </message>
    <message>
        <location filename="../ui/errors.py" line="104"/>
        <source>Another program is using the database. Close it and try again.</source>
        <translation>កម្មវិធីមួយផ្សេងទៀតកំពុងប្រើមូលដ្ឋានទិន្នន័យ។ សូមបិទវា រួចព្យាយាមម្ដងទៀត។</translation>
    </message>
    <message>
        <location filename="../ui/errors.py" line="107"/>
        <source>Not saved</source>
        <translation>មិនបានរក្សាទុក</translation>
    </message>
    <message>
        <location filename="../ui/errors.py" line="110"/>
        <source>The database cannot be opened</source>
        <translation>មិនអាចបើកមូលដ្ឋានទិន្នន័យបានទេ</translation>
    </message>
    <message>
        <location filename="../ui/errors.py" line="111"/>
        <source>Safeland cannot open this database. Choose another file, or open the demo data.</source>
        <translation>Safeland មិនអាចបើកមូលដ្ឋានទិន្នន័យនេះបានទេ។ សូមជ្រើសរើសឯកសារផ្សេង ឬបើកទិន្នន័យសាកល្បង។</translation>
    </message>
    <message>
        <location filename="../ui/errors.py" line="114"/>
        <source>Something went wrong</source>
        <translation>មានបញ្ហាកើតឡើង</translation>
    </message>
    <message>
        <location filename="../ui/errors.py" line="115"/>
        <source>Safeland met an unexpected problem. Your reports are saved as you type, so nothing should be lost. If it happens again, send the log file to your unit&apos;s data officer.</source>
        <translation>Safeland ជួបបញ្ហាដែលមិនបានរំពឹងទុក។ របាយការណ៍របស់អ្នកត្រូវបានរក្សាទុកពេលអ្នកវាយ ដូច្នេះមិនគួរបាត់អ្វីទេ។ បើវាកើតឡើងម្ដងទៀត សូមផ្ញើឯកសារកំណត់ហេតុទៅមន្ត្រីទិន្នន័យនៃអង្គភាពរបស់អ្នក។</translation>
    </message>
    <message>
        <location filename="../ui/errors.py" line="128"/>
        <location filename="../ui/main.py" line="59"/>
        <source>Details are in the log file: %1</source>
        <translation>ព័ត៌មានលម្អិតមាននៅក្នុងឯកសារកំណត់ហេតុ៖ %1</translation>
    </message>
</context>
<context>
    <name>FirstRunPage</name>
    <message>
        <location filename="../ui/first_run.py" line="91"/>
        <source>Welcome to Safeland</source>
        <translation>សូមស្វាគមន៍មកកាន់ Safeland</translation>
    </message>
    <message>
        <location filename="../ui/first_run.py" line="93"/>
        <source>Set up this laptop once: who writes the daily reports here. You can change it later in Settings. Or look around first with the demo data (kept in a separate file).</source>
        <translation>រៀបចំកុំព្យូទ័រនេះតែម្ដង៖ អ្នកណាជាអ្នកសរសេររបាយការណ៍ប្រចាំថ្ងៃនៅទីនេះ។ អ្នកអាចប្ដូរវាពេលក្រោយនៅក្នុង ការកំណត់។ ឬមើលជាមុនសិនជាមួយទិន្នន័យសាកល្បង (រក្សាទុកក្នុងឯកសារដាច់ដោយឡែក)។</translation>
    </message>
    <message>
        <location filename="../ui/first_run.py" line="95"/>
        <source>&amp;Operator</source>
        <translation>ប្រតិបត្តិករ (&amp;O)</translation>
    </message>
    <message>
        <location filename="../ui/first_run.py" line="95"/>
        <source>&amp;Unit</source>
        <translation>អង្គភាព (&amp;U)</translation>
    </message>
    <message>
        <location filename="../ui/first_run.py" line="96"/>
        <source>&amp;Team</source>
        <translation>ក្រុម (&amp;T)</translation>
    </message>
    <message>
        <location filename="../ui/first_run.py" line="96"/>
        <source>Team &amp;leader</source>
        <translation>ប្រធានក្រុម (&amp;L)</translation>
    </message>
    <message>
        <location filename="../ui/first_run.py" line="97"/>
        <source>La&amp;nguage</source>
        <translation>ភាសា (&amp;N)</translation>
    </message>
    <message>
        <location filename="../ui/first_run.py" line="99"/>
        <source>e.g. CMAC</source>
        <translation>ឧ. CMAC</translation>
    </message>
    <message>
        <location filename="../ui/first_run.py" line="100"/>
        <source>e.g. DU5</source>
        <translation>ឧ. DU5</translation>
    </message>
    <message>
        <location filename="../ui/first_run.py" line="101"/>
        <source>e.g. DU5-MDT-02</source>
        <translation>ឧ. DU5-MDT-02</translation>
    </message>
    <message>
        <location filename="../ui/first_run.py" line="102"/>
        <source>your name</source>
        <translation>ឈ្មោះរបស់អ្នក</translation>
    </message>
    <message>
        <location filename="../ui/first_run.py" line="103"/>
        <source>&amp;Save and start</source>
        <translation>រក្សាទុក ហើយចាប់ផ្ដើម (&amp;S)</translation>
    </message>
    <message>
        <location filename="../ui/first_run.py" line="104"/>
        <source>Open the &amp;demo data</source>
        <translation>បើកទិន្នន័យសាកល្បង (&amp;D)</translation>
    </message>
    <message>
        <location filename="../ui/first_run.py" line="121"/>
        <source>Type the team leader&apos;s name: it goes on every report signed on this laptop.</source>
        <translation>សូមវាយឈ្មោះប្រធានក្រុម៖ វានឹងមាននៅលើរាល់របាយការណ៍ដែលចុះហត្ថលេខានៅលើកុំព្យូទ័រនេះ។</translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <location filename="../ui/fmt.py" line="22"/>
        <source>%1 m²</source>
        <translation>%1 ម²</translation>
    </message>
    <message>
        <location filename="../ui/fmt.py" line="24"/>
        <source>%1 ha</source>
        <translation>%1 ហិកតា</translation>
    </message>
    <message>
        <location filename="../ui/fmt.py" line="51"/>
        <source>never</source>
        <translation>មិនធ្លាប់</translation>
    </message>
</context>
<context>
    <name>GpxDialog</name>
    <message>
        <location filename="../ui/gpx_dialog.py" line="101"/>
        <source>Import GPS waypoints</source>
        <translation>នាំចូលចំណុចសម្គាល់ GPS</translation>
    </message>
    <message>
        <location filename="../ui/gpx_dialog.py" line="102"/>
        <source>This file cannot be read as GPS waypoints.</source>
        <translation>ឯកសារនេះមិនអាចអានជាចំណុចសម្គាល់ GPS បានទេ។</translation>
    </message>
    <message>
        <location filename="../ui/gpx_dialog.py" line="133"/>
        <location filename="../ui/gpx_dialog.py" line="222"/>
        <source>(leave out)</source>
        <translation>(មិនយក)</translation>
    </message>
    <message>
        <location filename="../ui/gpx_dialog.py" line="206"/>
        <source>%1: %2 waypoints, %3 to import as the points of site %4. Check each waypoint&apos;s type and the order of the boundary.</source>
        <translation>%1៖ ចំណុចសម្គាល់ %2 ក្នុងនោះ %3 នឹងនាំចូលជាចំណុចនៃទីតាំង %4។ សូមពិនិត្យប្រភេទនៃចំណុចសម្គាល់នីមួយៗ និងលំដាប់នៃព្រំដែន។</translation>
    </message>
    <message>
        <location filename="../ui/gpx_dialog.py" line="212"/>
        <source>Import GPS waypoints — %1</source>
        <translation>នាំចូលចំណុចសម្គាល់ GPS — %1</translation>
    </message>
    <message>
        <location filename="../ui/gpx_dialog.py" line="214"/>
        <source>Waypoint</source>
        <translation>ចំណុចសម្គាល់</translation>
    </message>
    <message>
        <location filename="../ui/gpx_dialog.py" line="214"/>
        <source>Point type</source>
        <translation>ប្រភេទចំណុច</translation>
    </message>
    <message>
        <location filename="../ui/gpx_dialog.py" line="214"/>
        <source>Latitude</source>
        <translation>រយៈទទឹង</translation>
    </message>
    <message>
        <location filename="../ui/gpx_dialog.py" line="214"/>
        <source>Longitude</source>
        <translation>រយៈបណ្ដោយ</translation>
    </message>
    <message>
        <location filename="../ui/gpx_dialog.py" line="215"/>
        <source>UTM</source>
        <translation>UTM</translation>
    </message>
    <message>
        <location filename="../ui/gpx_dialog.py" line="215"/>
        <source>Elevation (m)</source>
        <translation>កម្ពស់ (ម)</translation>
    </message>
    <message>
        <location filename="../ui/gpx_dialog.py" line="215"/>
        <source>Time</source>
        <translation>ម៉ោង</translation>
    </message>
    <message>
        <location filename="../ui/gpx_dialog.py" line="216"/>
        <source>Move &amp;up</source>
        <translation>ផ្លាស់ឡើងលើ (&amp;U)</translation>
    </message>
    <message>
        <location filename="../ui/gpx_dialog.py" line="217"/>
        <source>Move &amp;down</source>
        <translation>ផ្លាស់ចុះក្រោម (&amp;D)</translation>
    </message>
    <message>
        <location filename="../ui/gpx_dialog.py" line="218"/>
        <source>&amp;Save as the site&apos;s points</source>
        <translation>រក្សាទុកជាចំណុចនៃទីតាំង (&amp;S)</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <location filename="../ui/history_panel.py" line="165"/>
        <source>First signature</source>
        <translation>ហត្ថលេខាដំបូង</translation>
    </message>
    <message>
        <location filename="../ui/history_panel.py" line="236"/>
        <source>Revision</source>
        <translation>កំណែ</translation>
    </message>
    <message>
        <location filename="../ui/history_panel.py" line="236"/>
        <source>Signed by</source>
        <translation>ចុះហត្ថលេខាដោយ</translation>
    </message>
    <message>
        <location filename="../ui/history_panel.py" line="237"/>
        <source>Signed at</source>
        <translation>ចុះហត្ថលេខានៅ</translation>
    </message>
    <message>
        <location filename="../ui/history_panel.py" line="237"/>
        <source>Reason</source>
        <translation>មូលហេតុ</translation>
    </message>
    <message>
        <location filename="../ui/history_panel.py" line="203"/>
        <source>First signature: nothing before it to compare.</source>
        <translation>ហត្ថលេខាដំបូង៖ គ្មានកំណែមុនដើម្បីប្រៀបធៀបទេ។</translation>
    </message>
    <message>
        <location filename="../ui/history_panel.py" line="207"/>
        <source>Device %1</source>
        <translation>គ្រាប់ទី %1</translation>
    </message>
    <message>
        <location filename="../ui/history_panel.py" line="209"/>
        <source>%1 added: %2</source>
        <translation>%1 បានបន្ថែម៖ %2</translation>
    </message>
    <message>
        <location filename="../ui/history_panel.py" line="211"/>
        <source>%1 removed: %2</source>
        <translation>%1 បានដកចេញ៖ %2</translation>
    </message>
    <message>
        <location filename="../ui/history_panel.py" line="214"/>
        <source>Device %1, %2</source>
        <translation>គ្រាប់ទី %1, %2</translation>
    </message>
    <message>
        <location filename="../ui/history_panel.py" line="219"/>
        <source>%1: %2 → %3</source>
        <translation>%1៖ %2 → %3</translation>
    </message>
    <message>
        <location filename="../ui/history_panel.py" line="221"/>
        <source>No field changed.</source>
        <translation>គ្មានវាលណាមួយត្រូវបានផ្លាស់ប្ដូរទេ។</translation>
    </message>
    <message>
        <location filename="../ui/history_panel.py" line="226"/>
        <source>What revision %1 changed:</source>
        <translation>អ្វីដែលកំណែទី %1 បានផ្លាស់ប្ដូរ៖</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/history_panel.py" line="232"/>
        <source>Histor&amp;y: %n signed revision(s)</source>
        <translation>
            <numerusform>ប្រវត្តិ៖ កំណែដែលបានចុះហត្ថលេខា %n (&amp;Y)</numerusform>
            <numerusform>ប្រវត្តិ៖ កំណែដែលបានចុះហត្ថលេខា %n (&amp;Y)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/history_panel.py" line="232"/>
        <source>Histor&amp;y</source>
        <translation>ប្រវត្តិ (&amp;Y)</translation>
    </message>
    <message>
        <location filename="../ui/history_panel.py" line="238"/>
        <source>Choose a revision to see it as it was signed</source>
        <translation>ជ្រើសរើសកំណែមួយ ដើម្បីមើលវាដូចពេលដែលបានចុះហត្ថលេខា</translation>
    </message>
</context>
<context>
    <name>ItemsTable</name>
    <message>
        <location filename="../ui/items_table.py" line="273"/>
        <source>Category</source>
        <translation>ប្រភេទ</translation>
    </message>
    <message>
        <location filename="../ui/items_table.py" line="273"/>
        <source>Model</source>
        <translation>ម៉ូដែល</translation>
    </message>
    <message>
        <location filename="../ui/items_table.py" line="273"/>
        <source>Qty</source>
        <translation>ចំនួន</translation>
    </message>
    <message>
        <location filename="../ui/items_table.py" line="273"/>
        <source>Condition</source>
        <translation>ស្ថានភាព</translation>
    </message>
    <message>
        <location filename="../ui/items_table.py" line="274"/>
        <source>Depth (cm)</source>
        <translation>ជម្រៅ (សម)</translation>
    </message>
    <message>
        <location filename="../ui/items_table.py" line="274"/>
        <source>Disposal</source>
        <translation>ការចាត់ចែង</translation>
    </message>
    <message>
        <location filename="../ui/items_table.py" line="274"/>
        <source>Latitude</source>
        <translation>រយៈទទឹង</translation>
    </message>
    <message>
        <location filename="../ui/items_table.py" line="274"/>
        <source>Longitude</source>
        <translation>រយៈបណ្ដោយ</translation>
    </message>
    <message>
        <location filename="../ui/items_table.py" line="275"/>
        <source>Add dev&amp;ice</source>
        <translation>បន្ថែមគ្រាប់ (&amp;I)</translation>
    </message>
    <message>
        <location filename="../ui/items_table.py" line="276"/>
        <source>Rem&amp;ove selected</source>
        <translation>ដកចេញជួរដែលបានជ្រើស (&amp;O)</translation>
    </message>
</context>
<context>
    <name>Launcher</name>
    <message>
        <location filename="../ui/launcher.py" line="51"/>
        <source>Already open</source>
        <translation>បានបើករួចហើយ</translation>
    </message>
    <message>
        <location filename="../ui/launcher.py" line="52"/>
        <source>This database is already open in another Safeland window. Use that window, or choose another file.</source>
        <translation>មូលដ្ឋានទិន្នន័យនេះកំពុងបើកនៅក្នុងបង្អួច Safeland មួយទៀត។ សូមប្រើបង្អួចនោះ ឬជ្រើសរើសឯកសារផ្សេង។</translation>
    </message>
    <message>
        <location filename="../ui/launcher.py" line="55"/>
        <location filename="../ui/launcher.py" line="85"/>
        <source>Choose another file…</source>
        <translation>ជ្រើសរើសឯកសារផ្សេង…</translation>
    </message>
    <message>
        <location filename="../ui/launcher.py" line="56"/>
        <location filename="../ui/launcher.py" line="82"/>
        <location filename="../ui/launcher.py" line="87"/>
        <source>Quit</source>
        <translation>ចាកចេញ</translation>
    </message>
    <message>
        <location filename="../ui/launcher.py" line="77"/>
        <source>File: %1
Details are in the log file: %2</source>
        <translation>ឯកសារ៖ %1
ព័ត៌មានលម្អិតមាននៅក្នុងឯកសារកំណត់ហេតុ៖ %2</translation>
    </message>
    <message>
        <location filename="../ui/launcher.py" line="81"/>
        <source>Try again</source>
        <translation>ព្យាយាមម្ដងទៀត</translation>
    </message>
    <message>
        <location filename="../ui/launcher.py" line="86"/>
        <source>Open the demo data</source>
        <translation>បើកទិន្នន័យសាកល្បង</translation>
    </message>
    <message>
        <location filename="../ui/launcher.py" line="98"/>
        <source>Choose a Safeland database</source>
        <translation>ជ្រើសរើសមូលដ្ឋានទិន្នន័យ Safeland</translation>
    </message>
    <message>
        <location filename="../ui/launcher.py" line="138"/>
        <source>Writing the demo data…</source>
        <translation>កំពុងសរសេរទិន្នន័យសាកល្បង…</translation>
    </message>
    <message>
        <location filename="../ui/main.py" line="56"/>
        <source>Safeland cannot start</source>
        <translation>Safeland មិនអាចចាប់ផ្ដើមបានទេ</translation>
    </message>
    <message>
        <location filename="../ui/main.py" line="57"/>
        <source>Safeland could not open %1.</source>
        <translation>Safeland មិនអាចបើក %1 បានទេ។</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/report_form.py" line="197"/>
        <source>Start a new report?</source>
        <translation>ចាប់ផ្ដើមរបាយការណ៍ថ្មី?</translation>
    </message>
    <message>
        <location filename="../ui/report_form.py" line="199"/>
        <source>The report you are writing has not been saved. Start a new one anyway?</source>
        <translation>របាយការណ៍ដែលអ្នកកំពុងសរសេរមិនទាន់បានរក្សាទុកទេ។ នៅតែចាប់ផ្ដើមរបាយការណ៍ថ្មីឬ?</translation>
    </message>
    <message>
        <location filename="../ui/report_form.py" line="204"/>
        <source>Start a new report</source>
        <translation>ចាប់ផ្ដើមរបាយការណ៍ថ្មី</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="161"/>
        <source>Safeland — %1</source>
        <translation>Safeland — %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="162"/>
        <source> (demo data)</source>
        <translation> (ទិន្នន័យសាកល្បង)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="164"/>
        <source>Opening %1…</source>
        <translation>កំពុងបើក %1…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="172"/>
        <source>New report</source>
        <translation>របាយការណ៍ថ្មី</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="172"/>
        <source>Save</source>
        <translation>រក្សាទុក</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="172"/>
        <source>Sign…</source>
        <translation>ចុះហត្ថលេខា…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="167"/>
        <location filename="../ui/main_window.py" line="173"/>
        <source>Sites</source>
        <translation>ទីតាំង</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="167"/>
        <location filename="../ui/main_window.py" line="173"/>
        <source>Reports</source>
        <translation>របាយការណ៍</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="168"/>
        <location filename="../ui/main_window.py" line="174"/>
        <source>Daily report</source>
        <translation>របាយការណ៍ប្រចាំថ្ងៃ</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="174"/>
        <source>Settings…</source>
        <translation>ការកំណត់…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="175"/>
        <source>Sync now</source>
        <translation>ធ្វើសមកាលកម្មឥឡូវ</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="175"/>
        <source>Find a site</source>
        <translation>ស្វែងរកទីតាំង</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="175"/>
        <source>Quit</source>
        <translation>ចាកចេញ</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../ui/messages.py" line="15"/>
        <source>This is required.</source>
        <translation>ត្រូវតែបំពេញ។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="16"/>
        <source>Choose a value from the list.</source>
        <translation>សូមជ្រើសរើសតម្លៃពីបញ្ជី។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="17"/>
        <source>This number is outside the allowed range.</source>
        <translation>លេខនេះនៅក្រៅដែនកំណត់ដែលអនុញ្ញាត។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="18"/>
        <source>Must be between %1 and %2.</source>
        <translation>ត្រូវនៅចន្លោះ %1 និង %2។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="19"/>
        <source>Must be at least %1 and less than %2.</source>
        <translation>ត្រូវយ៉ាងតិច %1 និងតិចជាង %2។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="20"/>
        <source>Must be more than %1 and at most %2.</source>
        <translation>ត្រូវលើសពី %1 និងយ៉ាងច្រើន %2។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="21"/>
        <source>This is not a valid value here.</source>
        <translation>តម្លៃនេះមិនត្រឹមត្រូវនៅទីនេះទេ។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="22"/>
        <source>This text is too long.</source>
        <translation>អត្ថបទនេះវែងពេក។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="23"/>
        <source>This is too long: at most %1.</source>
        <translation>វែងពេក៖ យ៉ាងច្រើន %1។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="24"/>
        <source>This text is too long: at most %1 characters (it has %2).</source>
        <translation>អត្ថបទនេះវែងពេក៖ យ៉ាងច្រើន %1 តួអក្សរ (វាមាន %2)។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="25"/>
        <source>This file is not a Safeland document.</source>
        <translation>ឯកសារនេះមិនមែនជាឯកសារ Safeland ទេ។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="26"/>
        <source>A place code is 2 to 8 digits.</source>
        <translation>លេខកូដទីកន្លែងមាន ២ ដល់ ៨ ខ្ទង់។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="27"/>
        <source>The date is in the future.</source>
        <translation>កាលបរិច្ឆេទនេះនៅថ្ងៃអនាគត។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="28"/>
        <source>The date %1 is in the future.</source>
        <translation>កាលបរិច្ឆេទ %1 នៅថ្ងៃអនាគត។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="29"/>
        <source>The date is before 1992.</source>
        <translation>កាលបរិច្ឆេទនេះមុនឆ្នាំ ១៩៩២។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="30"/>
        <source>The date %1 is before 1 January 1992.</source>
        <translation>កាលបរិច្ឆេទ %1 មុនថ្ងៃទី ១ ខែមករា ឆ្នាំ ១៩៩២។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="31"/>
        <source>Give latitude and longitude, or bearing and distance.</source>
        <translation>សូមផ្ដល់រយៈទទឹង និងរយៈបណ្ដោយ ឬទិសដៅ និងចម្ងាយ។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="33"/>
        <source>A bearing and distance need a point before them to measure from.</source>
        <translation>ទិសដៅ និងចម្ងាយ ត្រូវការចំណុចមួយនៅពីមុខ ដើម្បីវាស់ចេញពីវា។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="35"/>
        <source>Give both latitude and longitude, or neither.</source>
        <translation>សូមផ្ដល់ទាំងរយៈទទឹង និងរយៈបណ្ដោយ ឬកុំផ្ដល់ទាំងពីរ។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="36"/>
        <source>These coordinates are outside Cambodia.</source>
        <translation>កូអរដោនេទាំងនេះនៅក្រៅប្រទេសកម្ពុជា។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="37"/>
        <source>(%1, %2) is outside Cambodia: latitude must be %3 to %4, longitude %5 to %6.</source>
        <translation>(%1, %2) នៅក្រៅប្រទេសកម្ពុជា៖ រយៈទទឹងត្រូវពី %3 ដល់ %4 រយៈបណ្ដោយពី %5 ដល់ %6។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="39"/>
        <source>This place code is not in the gazetteer.</source>
        <translation>លេខកូដទីកន្លែងនេះមិនមាននៅក្នុងបញ្ជីឈ្មោះភូមិសាស្ត្រទេ។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="40"/>
        <source>This place is not inside the place above it.</source>
        <translation>ទីកន្លែងនេះមិនស្ថិតនៅក្នុងទីកន្លែងថ្នាក់លើរបស់វាទេ។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="41"/>
        <source>The area needs at least 3 turning points.</source>
        <translation>តំបន់ត្រូវការចំណុចបត់យ៉ាងហោចណាស់ ៣។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="42"/>
        <source>The area needs at least 3 distinct turning points (%1 given).</source>
        <translation>តំបន់ត្រូវការចំណុចបត់ខុសៗគ្នាយ៉ាងហោចណាស់ ៣ (បានផ្ដល់ %1)។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="44"/>
        <source>The points do not enclose an area.</source>
        <translation>ចំណុចទាំងនេះមិនព័ទ្ធជុំវិញតំបន់មួយទេ។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="45"/>
        <source>The boundary crosses itself.</source>
        <translation>ព្រំដែនកាត់ខ្លួនឯង។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="46"/>
        <source>The boundary crosses itself: the leg from point %1 to %2 crosses the leg from %3 to %4.</source>
        <translation>ព្រំដែនកាត់ខ្លួនឯង៖ ផ្នែកពីចំណុច %1 ដល់ %2 កាត់ផ្នែកពីចំណុច %3 ដល់ %4។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="49"/>
        <source>Two points in a row are more than 5 km apart.</source>
        <translation>ចំណុចពីរជាប់គ្នានៅឆ្ងាយពីគ្នាលើសពី ៥ គីឡូម៉ែត្រ។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="50"/>
        <source>Boundary points %1 and %2 are %3 km apart: at most 5 km is allowed.</source>
        <translation>ចំណុចព្រំដែន %1 និង %2 នៅឆ្ងាយពីគ្នា %3 គីឡូម៉ែត្រ៖ អនុញ្ញាតយ៉ាងច្រើន ៥ គីឡូម៉ែត្រ។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="52"/>
        <source>A clearance report needs the clearance depth.</source>
        <translation>របាយការណ៍បោសសម្អាតត្រូវការជម្រៅនៃការបោសសម្អាត។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="54"/>
        <source>An EOD spot task needs at least one device found.</source>
        <translation>ការកម្ទេចគ្រាប់តាមការហៅ ត្រូវការគ្រាប់ដែលរកឃើញយ៉ាងហោចណាស់មួយ។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="55"/>
        <source>Choose a site that exists on this laptop.</source>
        <translation>សូមជ្រើសរើសទីតាំងដែលមាននៅលើកុំព្យូទ័រនេះ។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="56"/>
        <source>The same record appears twice.</source>
        <translation>កំណត់ត្រាដដែលលេចឡើងពីរដង។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="57"/>
        <source>This signed record differs from the saved copy; amend it instead.</source>
        <translation>កំណត់ត្រាដែលបានចុះហត្ថលេខានេះខុសពីច្បាប់ដែលបានរក្សាទុក។ សូមធ្វើវិសោធនកម្មជំនួសវិញ។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="59"/>
        <source>This site is managed by HQ; report changes to it in a daily report.</source>
        <translation>ទីតាំងនេះគ្រប់គ្រងដោយទីស្នាក់ការកណ្ដាល។ សូមរាយការណ៍ការផ្លាស់ប្ដូរក្នុងរបាយការណ៍ប្រចាំថ្ងៃ។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="61"/>
        <source>Cleared, reduced and cancelled land together would exceed the site&apos;s area.</source>
        <translation>ដីដែលបានបោសសម្អាត កាត់បន្ថយ និងលុបចោល រួមគ្នានឹងលើសផ្ទៃដីនៃទីតាំង។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="63"/>
        <source>Land released would reach %4 m², more than the site&apos;s area of %1 m² (released so far %2 m², this report %3 m²).</source>
        <translation>ដីដែលបានដោះលែងនឹងដល់ %4 m² លើសផ្ទៃដីនៃទីតាំង %1 m² (បានដោះលែងរួច %2 m² របាយការណ៍នេះ %3 m²)។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="67"/>
        <source>This text holds a character that cannot be saved (a NUL or a broken character).</source>
        <translation>អត្ថបទនេះមានតួអក្សរដែលមិនអាចរក្សាទុកបាន (តួអក្សរ NUL ឬតួអក្សរខូច)។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="69"/>
        <source>This signed report has no signature hash: it cannot be taken as signed.</source>
        <translation>របាយការណ៍ដែលបានចុះហត្ថលេខានេះគ្មានលេខកូដហត្ថលេខា (hash) ទេ៖ មិនអាចទទួលយកថាបានចុះហត្ថលេខាទេ។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="71"/>
        <source>This signed report was changed after signing: it does not match its hash.</source>
        <translation>របាយការណ៍ដែលបានចុះហត្ថលេខានេះត្រូវបានកែប្រែក្រោយពេលចុះហត្ថលេខា៖ វាមិនត្រូវនឹងលេខកូដហត្ថលេខា (hash) របស់វាទេ។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="73"/>
        <source>This site already exists with another id.</source>
        <translation>ទីតាំងនេះមានរួចហើយ ដោយមានលេខសម្គាល់ផ្សេង។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="74"/>
        <source>The boundary has the same point twice: remove one.</source>
        <translation>ព្រំដែនមានចំណុចដដែលពីរដង៖ សូមលុបមួយចេញ។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="76"/>
        <source>Two boundary points have the same number.</source>
        <translation>ចំណុចព្រំដែនពីរមានលេខដូចគ្នា។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="77"/>
        <source>Two points are at the same place.</source>
        <translation>ចំណុចពីរស្ថិតនៅកន្លែងតែមួយ។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="78"/>
        <source>This device is listed twice (same category, model, place and depth).</source>
        <translation>គ្រាប់នេះត្រូវបានកត់ត្រាពីរដង (ប្រភេទ ម៉ូដែល ទីតាំង និងជម្រៅដូចគ្នា)។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="80"/>
        <source>This area overlaps site %1 by %2 m² (%3 % of this area).</source>
        <translation>តំបន់នេះត្រួតលើទីតាំង %1 ចំនួន %2 m² (%3 % នៃតំបន់នេះ)។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="82"/>
        <source>This reference differs from site %1 only by spaces or capital letters.</source>
        <translation>លេខយោងនេះខុសពីទីតាំង %1 តែដោយដកឃ្លា ឬអក្សរធំប៉ុណ្ណោះ។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="85"/>
        <source>You already have a report for site %1 on %2 by team %3.</source>
        <translation>អ្នកមានរបាយការណ៍សម្រាប់ទីតាំង %1 នៅថ្ងៃ %2 ដោយក្រុម %3 រួចហើយ។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="87"/>
        <source>%1 m² in one day is more than one team achieves (at most %2 m² with these assets). Check the figure.</source>
        <translation>%1 m² ក្នុងមួយថ្ងៃ ច្រើនជាងក្រុមមួយអាចធ្វើបាន (យ៉ាងច្រើន %2 m² ជាមួយមធ្យោបាយទាំងនេះ)។ សូមពិនិត្យតួលេខ។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="90"/>
        <source>Saving these points changes the site&apos;s area from %1 m² to %2 m².</source>
        <translation>ការរក្សាទុកចំណុចទាំងនេះ ប្ដូរផ្ទៃដីនៃទីតាំងពី %1 m² ទៅ %2 m²។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="92"/>
        <source>This file cannot be read as GPS waypoints.</source>
        <translation>ឯកសារនេះមិនអាចអានជាចំណុចសម្គាល់ GPS បានទេ។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="94"/>
        <source>This report is signed; use Amend to correct it.</source>
        <translation>របាយការណ៍នេះបានចុះហត្ថលេខារួចហើយ។ សូមប្រើ វិសោធនកម្ម ដើម្បីកែវា។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="95"/>
        <source>Say why the report is amended.</source>
        <translation>សូមប្រាប់មូលហេតុនៃវិសោធនកម្មរបាយការណ៍។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="96"/>
        <source>The amendment changes nothing.</source>
        <translation>វិសោធនកម្មនេះមិនផ្លាស់ប្ដូរអ្វីទេ។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="97"/>
        <source>This report no longer exists.</source>
        <translation>របាយការណ៍នេះលែងមានទៀតហើយ។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="98"/>
        <source>This report is already signed.</source>
        <translation>របាយការណ៍នេះបានចុះហត្ថលេខារួចហើយ។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="99"/>
        <source>This report was written on another laptop.</source>
        <translation>របាយការណ៍នេះត្រូវបានសរសេរនៅលើកុំព្យូទ័រផ្សេង។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="100"/>
        <source>Only signed reports are amended; edit a draft directly.</source>
        <translation>មានតែរបាយការណ៍ដែលបានចុះហត្ថលេខាទេដែលត្រូវធ្វើវិសោធនកម្ម។ សូមកែសេចក្ដីព្រាងដោយផ្ទាល់។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="101"/>
        <source>The database already holds data.</source>
        <translation>មូលដ្ឋានទិន្នន័យមានទិន្នន័យរួចហើយ។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="114"/>
        <source>This value was refused.</source>
        <translation>តម្លៃនេះត្រូវបានបដិសេធ។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="103"/>
        <source>This site is proposed to HQ; it cannot be changed until HQ answers.</source>
        <translation>ទីតាំងនេះត្រូវបានស្នើទៅទីស្នាក់ការកណ្ដាល ហើយមិនអាចកែប្រែបានទេ រហូតដល់ទីស្នាក់ការកណ្ដាលឆ្លើយតប។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="105"/>
        <source>Only a site HQ returned can be proposed again.</source>
        <translation>មានតែទីតាំងដែលទីស្នាក់ការកណ្ដាលបានផ្ញើត្រឡប់ទេ ដែលអាចស្នើម្ដងទៀតបាន។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="107"/>
        <source>A site with this id already exists.</source>
        <translation>ទីតាំងដែលមានលេខសម្គាល់នេះមានរួចហើយ។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="108"/>
        <source>A site found in the field gets its provisional reference from this laptop.</source>
        <translation>ទីតាំងដែលរកឃើញនៅទីវាល ទទួលបានលេខយោងបណ្ដោះអាសន្នពីកុំព្យូទ័រនេះ។</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="110"/>
        <source>A site found in the field belongs to this laptop&apos;s unit.</source>
        <translation>ទីតាំងដែលរកឃើញនៅទីវាល ជាកម្មសិទ្ធិរបស់អង្គភាពនៃកុំព្យូទ័រនេះ។</translation>
    </message>
</context>
<context>
    <name>NewSiteDialog</name>
    <message>
        <location filename="../ui/new_site_dialog.py" line="243"/>
        <source>%1 m² from the polygon</source>
        <translation>%1 ម² គណនាពីពហុកោណ</translation>
    </message>
    <message>
        <location filename="../ui/new_site_dialog.py" line="244"/>
        <source>worked out from the polygon</source>
        <translation>គណនាពីពហុកោណ</translation>
    </message>
    <message>
        <location filename="../ui/new_site_dialog.py" line="254"/>
        <source>Save anyway?</source>
        <translation>នៅតែរក្សាទុក?</translation>
    </message>
    <message>
        <location filename="../ui/new_site_dialog.py" line="255"/>
        <source>Save anyway</source>
        <translation>នៅតែរក្សាទុក</translation>
    </message>
    <message>
        <location filename="../ui/new_site_dialog.py" line="283"/>
        <source>%1, row %2</source>
        <translation>%1 ជួរទី %2</translation>
    </message>
    <message>
        <location filename="../ui/new_site_dialog.py" line="291"/>
        <source>Correct and propose again</source>
        <translation>កែ ហើយស្នើម្ដងទៀត</translation>
    </message>
    <message>
        <location filename="../ui/new_site_dialog.py" line="292"/>
        <source>New site found in the field</source>
        <translation>ទីតាំងថ្មីដែលរកឃើញនៅទីវាល</translation>
    </message>
    <message>
        <location filename="../ui/new_site_dialog.py" line="293"/>
        <source>&amp;Name</source>
        <translation>ឈ្មោះ (&amp;N)</translation>
    </message>
    <message>
        <location filename="../ui/new_site_dialog.py" line="293"/>
        <source>&amp;Hazard type</source>
        <translation>ប្រភេទគ្រោះថ្នាក់ (&amp;H)</translation>
    </message>
    <message>
        <location filename="../ui/new_site_dialog.py" line="294"/>
        <source>Contamination</source>
        <translation>ការបំពុល</translation>
    </message>
    <message>
        <location filename="../ui/new_site_dialog.py" line="295"/>
        <source>Intended land &amp;use</source>
        <translation>ការប្រើប្រាស់ដីតាមគម្រោង (&amp;U)</translation>
    </message>
    <message>
        <location filename="../ui/new_site_dialog.py" line="296"/>
        <source>&amp;Place</source>
        <translation>ទីកន្លែង (&amp;P)</translation>
    </message>
    <message>
        <location filename="../ui/new_site_dialog.py" line="296"/>
        <source>&amp;Village</source>
        <translation>ភូមិ (&amp;V)</translation>
    </message>
    <message>
        <location filename="../ui/new_site_dialog.py" line="297"/>
        <source>Points</source>
        <translation>ចំណុច</translation>
    </message>
    <message>
        <location filename="../ui/new_site_dialog.py" line="297"/>
        <source>&amp;Area (m²)</source>
        <translation>ផ្ទៃដី (ម²) (&amp;A)</translation>
    </message>
    <message>
        <location filename="../ui/new_site_dialog.py" line="304"/>
        <source>Search a province, district or commune (Khmer or English)</source>
        <translation>ស្វែងរកខេត្ត ស្រុក ឬឃុំ (ជាភាសាខ្មែរ ឬអង់គ្លេស)</translation>
    </message>
    <message>
        <location filename="../ui/new_site_dialog.py" line="307"/>
        <source>HQ returned this site: %1</source>
        <translation>ទីស្នាក់ការកណ្ដាលបានផ្ញើទីតាំងនេះត្រឡប់មកវិញ៖ %1</translation>
    </message>
    <message>
        <location filename="../ui/new_site_dialog.py" line="310"/>
        <source>The site gets a provisional reference from this laptop and goes to HQ at the next sync, ahead of its reports. HQ confirms it (and may give the national reference) or returns it with a reason.</source>
        <translation>ទីតាំងនេះទទួលបានលេខយោងបណ្ដោះអាសន្នពីកុំព្យូទ័រនេះ ហើយនឹងទៅដល់ទីស្នាក់ការកណ្ដាលនៅពេលធ្វើសមកាលកម្មលើកក្រោយ មុនរបាយការណ៍របស់វា។ ទីស្នាក់ការកណ្ដាលនឹងបញ្ជាក់វា (ហើយអាចផ្ដល់លេខយោងជាតិ) ឬផ្ញើវាត្រឡប់មកវិញជាមួយមូលហេតុ។</translation>
    </message>
    <message>
        <location filename="../ui/new_site_dialog.py" line="314"/>
        <source>Save and propose to HQ</source>
        <translation>រក្សាទុក ហើយស្នើ</translation>
    </message>
    <message>
        <location filename="../ui/new_site_dialog.py" line="315"/>
        <source>Cancel</source>
        <translation>បោះបង់</translation>
    </message>
</context>
<context>
    <name>PointsEditor</name>
    <message>
        <location filename="../ui/points_editor.py" line="263"/>
        <source>Type</source>
        <translation>ប្រភេទ</translation>
    </message>
    <message>
        <location filename="../ui/points_editor.py" line="263"/>
        <source>No.</source>
        <translation>លេខ</translation>
    </message>
    <message>
        <location filename="../ui/points_editor.py" line="261"/>
        <source>Latitude</source>
        <translation>រយៈទទឹង</translation>
    </message>
    <message>
        <location filename="../ui/points_editor.py" line="261"/>
        <source>Longitude</source>
        <translation>រយៈបណ្ដោយ</translation>
    </message>
    <message>
        <location filename="../ui/points_editor.py" line="262"/>
        <source>Easting (m)</source>
        <translation>អ៊ីស្ទីង (ម)</translation>
    </message>
    <message>
        <location filename="../ui/points_editor.py" line="262"/>
        <source>Northing (m)</source>
        <translation>ណតធីង (ម)</translation>
    </message>
    <message>
        <location filename="../ui/points_editor.py" line="263"/>
        <source>Bearing (°)</source>
        <translation>ទិសដៅ (°)</translation>
    </message>
    <message>
        <location filename="../ui/points_editor.py" line="264"/>
        <source>Distance (m)</source>
        <translation>ចម្ងាយ (ម)</translation>
    </message>
    <message>
        <location filename="../ui/points_editor.py" line="264"/>
        <source>= Latitude</source>
        <translation>= រយៈទទឹង</translation>
    </message>
    <message>
        <location filename="../ui/points_editor.py" line="264"/>
        <source>= Longitude</source>
        <translation>= រយៈបណ្ដោយ</translation>
    </message>
    <message>
        <location filename="../ui/points_editor.py" line="264"/>
        <source>= UTM</source>
        <translation>= UTM</translation>
    </message>
    <message>
        <location filename="../ui/points_editor.py" line="267"/>
        <source>Coordinates typed as:</source>
        <translation>វាយកូអរដោនេជា៖</translation>
    </message>
    <message>
        <location filename="../ui/points_editor.py" line="268"/>
        <source>Latitude / longitude</source>
        <translation>រយៈទទឹង / រយៈបណ្ដោយ</translation>
    </message>
    <message>
        <location filename="../ui/points_editor.py" line="268"/>
        <source>UTM zone 47N</source>
        <translation>UTM តំបន់ 47N</translation>
    </message>
    <message>
        <location filename="../ui/points_editor.py" line="269"/>
        <source>UTM zone 48N</source>
        <translation>UTM តំបន់ 48N</translation>
    </message>
    <message>
        <location filename="../ui/points_editor.py" line="271"/>
        <source>Add point</source>
        <translation>បន្ថែមចំណុច</translation>
    </message>
    <message>
        <location filename="../ui/points_editor.py" line="272"/>
        <source>Remove selected</source>
        <translation>ដកចេញជួរដែលបានជ្រើស</translation>
    </message>
</context>
<context>
    <name>RefusedDialog</name>
    <message>
        <location filename="../ui/sync_ui.py" line="398"/>
        <source>Reports refused by HQ</source>
        <translation>របាយការណ៍ដែលទីស្នាក់ការកណ្ដាលបានបដិសេធ</translation>
    </message>
    <message>
        <location filename="../ui/sync_ui.py" line="402"/>
        <source>Date</source>
        <translation>កាលបរិច្ឆេទ</translation>
    </message>
    <message>
        <location filename="../ui/sync_ui.py" line="402"/>
        <source>Site</source>
        <translation>ទីតាំង</translation>
    </message>
    <message>
        <location filename="../ui/sync_ui.py" line="402"/>
        <source>Revision</source>
        <translation>កំណែ</translation>
    </message>
    <message>
        <location filename="../ui/sync_ui.py" line="403"/>
        <source>HQ&apos;s reason</source>
        <translation>មូលហេតុពីទីស្នាក់ការកណ្ដាល</translation>
    </message>
    <message>
        <location filename="../ui/sync_ui.py" line="422"/>
        <source>Close</source>
        <translation>បិទ</translation>
    </message>
    <message>
        <location filename="../ui/sync_ui.py" line="423"/>
        <source>Amend…</source>
        <translation>កែតម្រូវ…</translation>
    </message>
    <message>
        <location filename="../ui/sync_ui.py" line="427"/>
        <source>HQ did not accept these reports. Each stays on this laptop; amend it with a reason and sync again.</source>
        <translation>ទីស្នាក់ការកណ្ដាលមិនបានទទួលរបាយការណ៍ទាំងនេះទេ។ របាយការណ៍នីមួយៗនៅតែរក្សាទុកលើកុំព្យូទ័រនេះ។ សូមកែតម្រូវដោយបញ្ជាក់មូលហេតុ ហើយធ្វើសមកាលកម្មម្ដងទៀត។</translation>
    </message>
</context>
<context>
    <name>ReportActions</name>
    <message>
        <location filename="../ui/report_actions.py" line="41"/>
        <source>Not saved.</source>
        <translation>មិនបានរក្សាទុក។</translation>
    </message>
    <message>
        <location filename="../ui/report_actions.py" line="86"/>
        <source>Not saved: check the marked fields.</source>
        <translation>មិនបានរក្សាទុក៖ សូមពិនិត្យប្រអប់ដែលបានសម្គាល់។</translation>
    </message>
    <message>
        <location filename="../ui/report_actions.py" line="54"/>
        <source>Saving…</source>
        <translation>កំពុងរក្សាទុក…</translation>
    </message>
    <message>
        <location filename="../ui/report_actions.py" line="62"/>
        <source>Save anyway</source>
        <translation>នៅតែរក្សាទុក</translation>
    </message>
    <message>
        <location filename="../ui/report_actions.py" line="63"/>
        <source>Check the figures before you continue.</source>
        <translation>សូមពិនិត្យតួលេខមុននឹងបន្ត។</translation>
    </message>
    <message>
        <location filename="../ui/report_actions.py" line="110"/>
        <source>Draft saved.</source>
        <translation>បានរក្សាទុកសេចក្ដីព្រាង។</translation>
    </message>
    <message>
        <location filename="../ui/report_actions.py" line="122"/>
        <source>Sign this report?</source>
        <translation>ចុះហត្ថលេខាលើរបាយការណ៍នេះ?</translation>
    </message>
    <message>
        <location filename="../ui/report_actions.py" line="123"/>
        <source>Sign</source>
        <translation>ចុះហត្ថលេខា</translation>
    </message>
    <message>
        <location filename="../ui/report_actions.py" line="124"/>
        <source>A signed report cannot be edited; a correction is an amendment with a reason.</source>
        <translation>របាយការណ៍ដែលបានចុះហត្ថលេខាមិនអាចកែបានទេ។ ការកែតម្រូវគឺជាវិសោធនកម្មដែលមានមូលហេតុ។</translation>
    </message>
    <message>
        <location filename="../ui/report_actions.py" line="143"/>
        <source>Signed and queued for HQ.</source>
        <translation>បានចុះហត្ថលេខា ហើយរង់ចាំផ្ញើទៅទីស្នាក់ការកណ្ដាល។</translation>
    </message>
    <message>
        <location filename="../ui/report_actions.py" line="151"/>
        <source>Delete this draft?</source>
        <translation>លុបសេចក្ដីព្រាងនេះ?</translation>
    </message>
    <message>
        <location filename="../ui/report_actions.py" line="152"/>
        <source>Delete</source>
        <translation>លុប</translation>
    </message>
    <message>
        <location filename="../ui/report_actions.py" line="161"/>
        <source>Site: %1</source>
        <translation>ទីតាំង៖ %1</translation>
    </message>
    <message>
        <location filename="../ui/report_actions.py" line="163"/>
        <source>Date: %1</source>
        <translation>កាលបរិច្ឆេទ៖ %1</translation>
    </message>
    <message>
        <location filename="../ui/report_actions.py" line="165"/>
        <source>Activity: %1</source>
        <translation>សកម្មភាព៖ %1</translation>
    </message>
    <message>
        <location filename="../ui/report_actions.py" line="167"/>
        <source>Team: %1, led by %2</source>
        <translation>ក្រុម៖ %1 ដឹកនាំដោយ %2</translation>
    </message>
    <message>
        <location filename="../ui/report_actions.py" line="170"/>
        <source>Cleared %1, reduced %2, cancelled %3</source>
        <translation>បោសសម្អាត %1 កាត់បន្ថយ %2 លុបចោល %3</translation>
    </message>
    <message>
        <location filename="../ui/report_actions.py" line="174"/>
        <source>Devices found: %1</source>
        <translation>គ្រាប់ដែលរកឃើញ៖ %1</translation>
    </message>
    <message>
        <location filename="../ui/report_actions.py" line="178"/>
        <source>Reason for the amendment: %1</source>
        <translation>មូលហេតុនៃវិសោធនកម្ម៖ %1</translation>
    </message>
    <message>
        <location filename="../ui/report_actions.py" line="61"/>
        <source>Save anyway?</source>
        <translation>នៅតែរក្សាទុក?</translation>
    </message>
    <message>
        <location filename="../ui/report_actions.py" line="74"/>
        <source>Site area: %1</source>
        <translation>ផ្ទៃដីទីតាំង៖ %1</translation>
    </message>
    <message>
        <location filename="../ui/report_actions.py" line="75"/>
        <source>Released so far by the site&apos;s other reports: %1</source>
        <translation>បានដោះលែងរួចហើយ ដោយរបាយការណ៍ផ្សេងទៀតនៃទីតាំងនេះ៖ %1</translation>
    </message>
    <message>
        <location filename="../ui/report_actions.py" line="77"/>
        <source>This report: %1</source>
        <translation>របាយការណ៍នេះ៖ %1</translation>
    </message>
    <message>
        <location filename="../ui/report_actions.py" line="78"/>
        <source>Together: %1, that is %2 more than the area</source>
        <translation>សរុប៖ %1 គឺលើសផ្ទៃដី %2</translation>
    </message>
</context>
<context>
    <name>ReportFields</name>
    <message>
        <location filename="../ui/report_fields.py" line="172"/>
        <location filename="../ui/report_fields.py" line="343"/>
        <source>Choose a site…</source>
        <translation>ជ្រើសរើសទីតាំង…</translation>
    </message>
    <message>
        <location filename="../ui/report_fields.py" line="264"/>
        <source>Device %1, %2: %3</source>
        <translation>គ្រាប់ទី %1, %2៖ %3</translation>
    </message>
    <message>
        <location filename="../ui/report_fields.py" line="332"/>
        <source>&amp;Site</source>
        <translation>ទីតាំង (&amp;S)</translation>
    </message>
    <message>
        <location filename="../ui/report_fields.py" line="332"/>
        <source>&amp;Date of information</source>
        <translation>កាលបរិច្ឆេទនៃព័ត៌មាន (&amp;D)</translation>
    </message>
    <message>
        <location filename="../ui/report_fields.py" line="333"/>
        <source>&amp;Activity</source>
        <translation>សកម្មភាព (&amp;A)</translation>
    </message>
    <message>
        <location filename="../ui/report_fields.py" line="333"/>
        <source>Assets used</source>
        <translation>មធ្យោបាយដែលបានប្រើ</translation>
    </message>
    <message>
        <location filename="../ui/report_fields.py" line="334"/>
        <source>&amp;Team</source>
        <translation>ក្រុម (&amp;T)</translation>
    </message>
    <message>
        <location filename="../ui/report_fields.py" line="334"/>
        <source>Team &amp;leader</source>
        <translation>ប្រធានក្រុម (&amp;L)</translation>
    </message>
    <message>
        <location filename="../ui/report_fields.py" line="335"/>
        <source>&amp;Personnel</source>
        <translation>បុគ្គលិក (&amp;P)</translation>
    </message>
    <message>
        <location filename="../ui/report_fields.py" line="335"/>
        <source>&amp;Hours worked</source>
        <translation>ម៉ោងធ្វើការ (&amp;H)</translation>
    </message>
    <message>
        <location filename="../ui/report_fields.py" line="338"/>
        <source>&amp;Notes</source>
        <translation>កំណត់សម្គាល់ (&amp;N)</translation>
    </message>
    <message>
        <location filename="../ui/report_fields.py" line="347"/>
        <source>Devices found</source>
        <translation>គ្រាប់ដែលរកឃើញ</translation>
    </message>
    <message>
        <location filename="../ui/report_fields.py" line="348"/>
        <source>What happened today (Khmer or English)</source>
        <translation>អ្វីដែលបានកើតឡើងថ្ងៃនេះ (ខ្មែរ ឬអង់គ្លេស)</translation>
    </message>
    <message>
        <location filename="../ui/report_fields.py" line="336"/>
        <source>Cl&amp;eared (m²)</source>
        <translation>បោសសម្អាត (ម²) (&amp;E)</translation>
    </message>
    <message>
        <location filename="../ui/report_fields.py" line="336"/>
        <source>Red&amp;uced (m²)</source>
        <translation>កាត់បន្ថយ (ម²) (&amp;U)</translation>
    </message>
    <message>
        <location filename="../ui/report_fields.py" line="337"/>
        <source>&amp;Cancelled (m²)</source>
        <translation>លុបចោល (ម²) (&amp;C)</translation>
    </message>
    <message>
        <location filename="../ui/report_fields.py" line="338"/>
        <source>Clea&amp;rance depth (cm)</source>
        <translation>ជម្រៅបោសសម្អាត (សម) (&amp;R)</translation>
    </message>
</context>
<context>
    <name>ReportForm</name>
    <message>
        <location filename="../ui/report_form.py" line="185"/>
        <source>Recovered the report you were writing when Safeland last closed. Check it, then save or sign it.</source>
        <translation>បានស្ដាររបាយការណ៍ដែលអ្នកកំពុងសរសេរ ពេល Safeland បិទលើកមុន។ សូមពិនិត្យវា រួចរក្សាទុក ឬចុះហត្ថលេខា។</translation>
    </message>
    <message>
        <location filename="../ui/report_form.py" line="342"/>
        <source>No earlier report to start from.</source>
        <translation>គ្មានរបាយការណ៍មុនៗ ដើម្បីចាប់ផ្ដើមពីនោះទេ។</translation>
    </message>
    <message>
        <location filename="../ui/report_form.py" line="560"/>
        <source>New daily report</source>
        <translation>របាយការណ៍ប្រចាំថ្ងៃថ្មី</translation>
    </message>
    <message>
        <location filename="../ui/report_form.py" line="560"/>
        <source>Daily report (draft)</source>
        <translation>របាយការណ៍ប្រចាំថ្ងៃ (សេចក្ដីព្រាង)</translation>
    </message>
    <message>
        <location filename="../ui/report_form.py" line="561"/>
        <source>Daily report (signed, read-only)</source>
        <translation>របាយការណ៍ប្រចាំថ្ងៃ (បានចុះហត្ថលេខា អានបានតែប៉ុណ្ណោះ)</translation>
    </message>
    <message>
        <location filename="../ui/report_form.py" line="562"/>
        <source>Amending a signed report</source>
        <translation>កំពុងធ្វើវិសោធនកម្មរបាយការណ៍ដែលបានចុះហត្ថលេខា</translation>
    </message>
    <message>
        <location filename="../ui/report_form.py" line="567"/>
        <source>%1, revision %2</source>
        <translation>%1 កំណែទី %2</translation>
    </message>
    <message>
        <location filename="../ui/report_form.py" line="574"/>
        <source>e.g. wrong area typed; 1,200 m² cleared, not 12,000</source>
        <translation>ឧ. វាយផ្ទៃដីខុស៖ បោសសម្អាត ១ ២០០ ម² មិនមែន ១២ ០០០ ទេ</translation>
    </message>
    <message>
        <location filename="../ui/report_form.py" line="577"/>
        <source>Start from &amp;yesterday&apos;s report</source>
        <translation>ចាប់ផ្ដើមពីរបាយការណ៍ម្សិលមិញ (&amp;Y)</translation>
    </message>
    <message>
        <location filename="../ui/report_form.py" line="578"/>
        <source>Si&amp;gn…</source>
        <translation>ចុះហត្ថលេខា… (&amp;G)</translation>
    </message>
    <message>
        <location filename="../ui/report_form.py" line="579"/>
        <source>A&amp;mend…</source>
        <translation>វិសោធនកម្ម… (&amp;M)</translation>
    </message>
    <message>
        <location filename="../ui/report_form.py" line="581"/>
        <source>Si&amp;gn amendment…</source>
        <translation>ចុះហត្ថលេខាលើវិសោធនកម្ម… (&amp;G)</translation>
    </message>
    <message>
        <location filename="../ui/report_form.py" line="198"/>
        <source>Leave this report?</source>
        <translation>ចាកចេញពីរបាយការណ៍នេះឬ?</translation>
    </message>
    <message>
        <location filename="../ui/report_form.py" line="202"/>
        <source>The report you are writing has not been saved. Open the other one anyway? What you typed here is lost.</source>
        <translation>របាយការណ៍ដែលអ្នកកំពុងសរសេរមិនទាន់បានរក្សាទុកទេ។ នៅតែបើករបាយការណ៍មួយទៀតឬ? អ្វីដែលអ្នកបានវាយនៅទីនេះនឹងបាត់។</translation>
    </message>
    <message>
        <location filename="../ui/report_form.py" line="205"/>
        <source>Open it, discard my changes</source>
        <translation>បើកវា ហើយបោះបង់ការកែប្រែរបស់ខ្ញុំ</translation>
    </message>
    <message>
        <location filename="../ui/report_form.py" line="309"/>
        <source>You are looking at revision %1 of %2, as it was signed on %3: read-only.</source>
        <translation>អ្នកកំពុងមើលកំណែទី %1 ក្នុងចំណោម %2 ដូចដែលបានចុះហត្ថលេខានៅ %3៖ អានបានតែប៉ុណ្ណោះ។</translation>
    </message>
    <message>
        <location filename="../ui/report_form.py" line="513"/>
        <source>Autosave failed: %1. What you type is not kept if Safeland closes now.</source>
        <translation>ការរក្សាទុកស្វ័យប្រវត្តិបានបរាជ័យ៖ %1។ អ្វីដែលអ្នកវាយនឹងមិនត្រូវបានរក្សាទុកទេ ប្រសិនបើ Safeland បិទឥឡូវនេះ។</translation>
    </message>
    <message>
        <location filename="../ui/report_form.py" line="515"/>
        <source>Could not remove the recovery copy: %1. It may come back at the next start.</source>
        <translation>មិនអាចលុបច្បាប់ចម្លងសម្រាប់ស្ដារបានទេ៖ %1។ វាអាចលេចឡើងវិញនៅពេលបើកលើកក្រោយ។</translation>
    </message>
    <message>
        <location filename="../ui/report_form.py" line="564"/>
        <source>Daily report, revision %1 (read-only)</source>
        <translation>របាយការណ៍ប្រចាំថ្ងៃ កំណែទី %1 (អានបានតែប៉ុណ្ណោះ)</translation>
    </message>
    <message>
        <location filename="../ui/report_form.py" line="573"/>
        <source>Reason &amp;for the amendment</source>
        <translation>មូលហេតុនៃវិសោធនកម្ម (&amp;F)</translation>
    </message>
    <message>
        <location filename="../ui/report_form.py" line="575"/>
        <source>&amp;Back to the current revision</source>
        <translation>ត្រឡប់ទៅកំណែបច្ចុប្បន្ន (&amp;B)</translation>
    </message>
    <message>
        <location filename="../ui/report_form.py" line="577"/>
        <source>Ne&amp;w report</source>
        <translation>របាយការណ៍ថ្មី (&amp;W)</translation>
    </message>
    <message>
        <location filename="../ui/report_form.py" line="579"/>
        <source>Delete dra&amp;ft</source>
        <translation>លុបសេចក្ដីព្រាង (&amp;F)</translation>
    </message>
    <message>
        <location filename="../ui/report_form.py" line="578"/>
        <source>Sa&amp;ve draft</source>
        <translation>រក្សាទុកសេចក្ដីព្រាង (&amp;V)</translation>
    </message>
</context>
<context>
    <name>ReportsModel</name>
    <message>
        <location filename="../ui/reports_model.py" line="53"/>
        <source>waiting for HQ</source>
        <translation>រង់ចាំទីស្នាក់ការកណ្ដាល</translation>
    </message>
    <message>
        <location filename="../ui/reports_model.py" line="55"/>
        <source>sent on %1</source>
        <translation>បានផ្ញើនៅ %1</translation>
    </message>
    <message>
        <location filename="../ui/reports_model.py" line="58"/>
        <source>refused by HQ</source>
        <translation>ទីស្នាក់ការកណ្ដាលមិនទទួលយក</translation>
    </message>
    <message>
        <location filename="../ui/reports_model.py" line="63"/>
        <source>%1 by %2: %3</source>
        <translation>%1 ដោយ %2៖ %3</translation>
    </message>
    <message>
        <location filename="../ui/reports_model.py" line="226"/>
        <source>Date</source>
        <translation>កាលបរិច្ឆេទ</translation>
    </message>
    <message>
        <location filename="../ui/reports_model.py" line="227"/>
        <source>Site</source>
        <translation>ទីតាំង</translation>
    </message>
    <message>
        <location filename="../ui/reports_model.py" line="228"/>
        <source>Activity</source>
        <translation>សកម្មភាព</translation>
    </message>
    <message>
        <location filename="../ui/reports_model.py" line="229"/>
        <source>Team</source>
        <translation>ក្រុម</translation>
    </message>
    <message>
        <location filename="../ui/reports_model.py" line="230"/>
        <source>Released (m²)</source>
        <translation>ដីដែលបានដោះលែង (ម²)</translation>
    </message>
    <message>
        <location filename="../ui/reports_model.py" line="231"/>
        <source>Devices</source>
        <translation>គ្រាប់</translation>
    </message>
    <message>
        <location filename="../ui/reports_model.py" line="232"/>
        <source>Status</source>
        <translation>ស្ថានភាព</translation>
    </message>
    <message>
        <location filename="../ui/reports_model.py" line="233"/>
        <source>HQ</source>
        <translation>ទីស្នាក់ការកណ្ដាល</translation>
    </message>
</context>
<context>
    <name>ReportsView</name>
    <message>
        <location filename="../ui/reports_view.py" line="120"/>
        <location filename="../ui/reports_view.py" line="210"/>
        <source>All sites</source>
        <translation>ទីតាំងទាំងអស់</translation>
    </message>
    <message>
        <location filename="../ui/reports_view.py" line="125"/>
        <location filename="../ui/reports_view.py" line="212"/>
        <source>All teams</source>
        <translation>ក្រុមទាំងអស់</translation>
    </message>
    <message>
        <location filename="../ui/reports_view.py" line="146"/>
        <source>Counting…</source>
        <translation>កំពុងរាប់…</translation>
    </message>
    <message>
        <location filename="../ui/reports_view.py" line="167"/>
        <source>Reports: %1</source>
        <translation>របាយការណ៍៖ %1</translation>
    </message>
    <message>
        <location filename="../ui/reports_view.py" line="193"/>
        <source>&amp;Site</source>
        <translation>ទីតាំង (&amp;S)</translation>
    </message>
    <message>
        <location filename="../ui/reports_view.py" line="193"/>
        <source>&amp;From</source>
        <translation>ពី (&amp;F)</translation>
    </message>
    <message>
        <location filename="../ui/reports_view.py" line="193"/>
        <source>T&amp;o</source>
        <translation>ដល់ (&amp;O)</translation>
    </message>
    <message>
        <location filename="../ui/reports_view.py" line="194"/>
        <source>Te&amp;am</source>
        <translation>ក្រុម (&amp;A)</translation>
    </message>
    <message>
        <location filename="../ui/reports_view.py" line="194"/>
        <source>Stat&amp;us</source>
        <translation>ស្ថានភាព (&amp;U)</translation>
    </message>
    <message>
        <location filename="../ui/reports_view.py" line="197"/>
        <source>any</source>
        <translation>ណាមួយ</translation>
    </message>
    <message>
        <location filename="../ui/reports_view.py" line="201"/>
        <source>Any status</source>
        <translation>គ្រប់ស្ថានភាព</translation>
    </message>
    <message>
        <location filename="../ui/reports_view.py" line="205"/>
        <source>Waiting for HQ</source>
        <translation>រង់ចាំទីស្នាក់ការកណ្ដាល</translation>
    </message>
    <message>
        <location filename="../ui/reports_view.py" line="205"/>
        <source>Sent to HQ</source>
        <translation>បានផ្ញើទៅទីស្នាក់ការកណ្ដាល</translation>
    </message>
    <message>
        <location filename="../ui/reports_view.py" line="206"/>
        <source>Refused by HQ</source>
        <translation>ទីស្នាក់ការកណ្ដាលមិនទទួលយក</translation>
    </message>
    <message>
        <location filename="../ui/reports_view.py" line="214"/>
        <source>&amp;Clear filter</source>
        <translation>សម្អាតតម្រង (&amp;C)</translation>
    </message>
</context>
<context>
    <name>ReviewBanner</name>
    <message>
        <location filename="../ui/review_banner.py" line="36"/>
        <source>%1 on %2 by %3 (revision %4)</source>
        <translation>%1 នៅ %2 ដោយ %3 (កំណែទី %4)</translation>
    </message>
    <message>
        <location filename="../ui/review_banner.py" line="49"/>
        <source>%1 (HQ)</source>
        <translation>%1 (ទីស្នាក់ការកណ្ដាល)</translation>
    </message>
    <message>
        <location filename="../ui/review_banner.py" line="125"/>
        <source>Amend…</source>
        <translation>កែតម្រូវ…</translation>
    </message>
    <message>
        <location filename="../ui/review_banner.py" line="136"/>
        <source>HQ returned this report: correct what HQ asks, then sign the amendment.</source>
        <translation>ទីស្នាក់ការកណ្ដាលបានបញ្ជូនរបាយការណ៍នេះត្រឡប់មកវិញ៖ សូមកែតាមការស្នើសុំ រួចចុះហត្ថលេខាលើវិសោធនកម្ម។</translation>
    </message>
    <message>
        <location filename="../ui/review_banner.py" line="137"/>
        <source>%1: %2</source>
        <translation>%1៖ %2</translation>
    </message>
    <message>
        <location filename="../ui/review_banner.py" line="145"/>
        <source>What to correct: %1</source>
        <translation>ត្រូវកែ៖ %1</translation>
    </message>
    <message>
        <location filename="../ui/review_banner.py" line="148"/>
        <source>Why it does not count: %1</source>
        <translation>មូលហេតុដែលមិនរាប់បញ្ចូល៖ %1</translation>
    </message>
    <message>
        <location filename="../ui/review_banner.py" line="150"/>
        <source>Refused by HQ: amend it and sync again.</source>
        <translation>ទីស្នាក់ការកណ្ដាលមិនទទួលយក៖ សូមធ្វើវិសោធនកម្ម ហើយធ្វើសមកាលកម្មម្ដងទៀត។</translation>
    </message>
    <message>
        <location filename="../ui/review_banner.py" line="155"/>
        <source>Sent to HQ on %1; HQ has not decided yet.</source>
        <translation>បានផ្ញើទៅទីស្នាក់ការកណ្ដាលនៅ %1។ ទីស្នាក់ការកណ្ដាលមិនទាន់សម្រេចនៅឡើយ។</translation>
    </message>
    <message>
        <location filename="../ui/review_banner.py" line="158"/>
        <source>Waiting for HQ: it goes with the next sync.</source>
        <translation>រង់ចាំទីស្នាក់ការកណ្ដាល៖ នឹងផ្ញើនៅពេលធ្វើសមកាលកម្មលើកក្រោយ។</translation>
    </message>
    <message>
        <location filename="../ui/review_banner.py" line="164"/>
        <source>This amendment answers HQ&apos;s return of revision %1: %2</source>
        <translation>វិសោធនកម្មនេះឆ្លើយតបនឹងការបញ្ជូនត្រឡប់កំណែទី %1 របស់ទីស្នាក់ការកណ្ដាល៖ %2</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../ui/settings_dialog.py" line="59"/>
        <source>Settings</source>
        <translation>ការកំណត់</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="60"/>
        <source>&amp;Operator</source>
        <translation>ប្រតិបត្តិករ (&amp;O)</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="61"/>
        <source>&amp;Unit</source>
        <translation>អង្គភាព (&amp;U)</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="61"/>
        <source>&amp;Team</source>
        <translation>ក្រុម (&amp;T)</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="62"/>
        <source>Team &amp;leader</source>
        <translation>ប្រធានក្រុម (&amp;L)</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="60"/>
        <source>Lan&amp;guage</source>
        <translation>ភាសា (&amp;G)</translation>
    </message>
</context>
<context>
    <name>SitePage</name>
    <message>
        <location filename="../ui/site_page.py" line="239"/>
        <source>Save anyway?</source>
        <translation>នៅតែរក្សាទុក?</translation>
    </message>
    <message>
        <location filename="../ui/site_page.py" line="240"/>
        <source>Save anyway</source>
        <translation>នៅតែរក្សាទុក</translation>
    </message>
    <message>
        <location filename="../ui/site_page.py" line="272"/>
        <source>Import GPS waypoints</source>
        <translation>នាំចូលចំណុចសម្គាល់ GPS</translation>
    </message>
    <message>
        <location filename="../ui/site_page.py" line="273"/>
        <source>GPS exchange files (*.gpx);;All files (*)</source>
        <translation>ឯកសារ GPS (*.gpx);;ឯកសារទាំងអស់ (*)</translation>
    </message>
    <message>
        <location filename="../ui/site_page.py" line="303"/>
        <source>Site sheet</source>
        <translation>សន្លឹកទីតាំង</translation>
    </message>
    <message>
        <location filename="../ui/site_page.py" line="304"/>
        <source>Printing site sheets is not available in this version yet.</source>
        <translation>ការបោះពុម្ពសន្លឹកទីតាំងមិនទាន់មាននៅក្នុងកំណែនេះនៅឡើយទេ។</translation>
    </message>
    <message>
        <location filename="../ui/site_page.py" line="318"/>
        <source>Location</source>
        <translation>ទីតាំងភូមិសាស្ត្រ</translation>
    </message>
    <message>
        <location filename="../ui/site_page.py" line="318"/>
        <source>Points</source>
        <translation>ចំណុច</translation>
    </message>
    <message>
        <location filename="../ui/site_page.py" line="319"/>
        <source>Sketch (to scale)</source>
        <translation>គំនូសព្រាង (តាមមាត្រដ្ឋាន)</translation>
    </message>
    <message>
        <location filename="../ui/site_page.py" line="319"/>
        <source>Land release</source>
        <translation>ការដោះលែងដី</translation>
    </message>
    <message>
        <location filename="../ui/site_page.py" line="320"/>
        <source>Devices found</source>
        <translation>គ្រាប់ដែលរកឃើញ</translation>
    </message>
    <message>
        <location filename="../ui/site_page.py" line="320"/>
        <source>Daily reports</source>
        <translation>របាយការណ៍ប្រចាំថ្ងៃ</translation>
    </message>
    <message>
        <location filename="../ui/site_page.py" line="326"/>
        <source>Area</source>
        <translation>ផ្ទៃដី</translation>
    </message>
    <message>
        <location filename="../ui/site_page.py" line="326"/>
        <source>Cleared</source>
        <translation>បានបោសសម្អាត</translation>
    </message>
    <message>
        <location filename="../ui/site_page.py" line="327"/>
        <source>Reduced</source>
        <translation>បានកាត់បន្ថយ</translation>
    </message>
    <message>
        <location filename="../ui/site_page.py" line="327"/>
        <source>Cancelled</source>
        <translation>បានលុបចោល</translation>
    </message>
    <message>
        <location filename="../ui/site_page.py" line="328"/>
        <source>Remaining</source>
        <translation>នៅសល់</translation>
    </message>
    <message>
        <location filename="../ui/site_page.py" line="330"/>
        <source>&amp;Print site sheet…</source>
        <translation>បោះពុម្ពសន្លឹកទីតាំង… (&amp;P)</translation>
    </message>
    <message>
        <location filename="../ui/site_page.py" line="332"/>
        <source>Save sheet as PDF…</source>
        <translation>រក្សាទុកសន្លឹកជា PDF…</translation>
    </message>
    <message>
        <location filename="../ui/site_page.py" line="333"/>
        <source>Save points</source>
        <translation>រក្សាទុកចំណុច</translation>
    </message>
    <message>
        <location filename="../ui/site_page.py" line="334"/>
        <source>Import GPS waypoints…</source>
        <translation>នាំចូលចំណុចសម្គាល់ GPS…</translation>
    </message>
    <message>
        <location filename="../ui/site_page.py" line="335"/>
        <source>N</source>
        <translation>ជ</translation>
    </message>
    <message>
        <location filename="../ui/site_page.py" line="335"/>
        <source>BM</source>
        <translation>BM</translation>
    </message>
    <message>
        <location filename="../ui/site_page.py" line="336"/>
        <source>RP</source>
        <translation>RP</translation>
    </message>
    <message>
        <location filename="../ui/site_page.py" line="336"/>
        <source>No points yet</source>
        <translation>មិនទាន់មានចំណុចនៅឡើយទេ</translation>
    </message>
    <message>
        <location filename="../ui/site_page.py" line="339"/>
        <source>Category</source>
        <translation>ប្រភេទ</translation>
    </message>
    <message>
        <location filename="../ui/site_page.py" line="339"/>
        <source>Model</source>
        <translation>ម៉ូដែល</translation>
    </message>
    <message>
        <location filename="../ui/site_page.py" line="339"/>
        <source>Quantity</source>
        <translation>ចំនួន</translation>
    </message>
    <message>
        <location filename="../ui/site_page.py" line="340"/>
        <source>Date</source>
        <translation>កាលបរិច្ឆេទ</translation>
    </message>
    <message>
        <location filename="../ui/site_page.py" line="340"/>
        <source>Activity</source>
        <translation>សកម្មភាព</translation>
    </message>
    <message>
        <location filename="../ui/site_page.py" line="340"/>
        <source>Team</source>
        <translation>ក្រុម</translation>
    </message>
    <message>
        <location filename="../ui/site_page.py" line="341"/>
        <source>Released (m²)</source>
        <translation>ដីដែលបានដោះលែង (ម²)</translation>
    </message>
    <message>
        <location filename="../ui/site_page.py" line="341"/>
        <source>Status</source>
        <translation>ស្ថានភាព</translation>
    </message>
    <message>
        <location filename="../ui/site_page.py" line="349"/>
        <source>%1 · %2 · contamination: %3 · managed by %4</source>
        <translation>%1 · %2 · ការបំពុល៖ %3 · គ្រប់គ្រងដោយ %4</translation>
    </message>
    <message>
        <location filename="../ui/site_page.py" line="364"/>
        <source>Province</source>
        <translation>ខេត្ត</translation>
    </message>
    <message>
        <location filename="../ui/site_page.py" line="364"/>
        <source>District</source>
        <translation>ស្រុក</translation>
    </message>
    <message>
        <location filename="../ui/site_page.py" line="365"/>
        <source>Commune</source>
        <translation>ឃុំ</translation>
    </message>
    <message>
        <location filename="../ui/site_page.py" line="365"/>
        <source>Village</source>
        <translation>ភូមិ</translation>
    </message>
    <message>
        <location filename="../ui/site_page.py" line="373"/>
        <source>%1 % released</source>
        <translation>បានដោះលែង %1 %</translation>
    </message>
    <message>
        <location filename="../ui/site_page.py" line="331"/>
        <source>Correct and propose again…</source>
        <translation>កែ ហើយស្នើម្ដងទៀត…</translation>
    </message>
    <message>
        <location filename="../ui/site_page.py" line="354"/>
        <source>Found in the field and proposed to HQ under the provisional reference %1; HQ has not answered yet.</source>
        <translation>រកឃើញនៅទីវាល ហើយបានស្នើទៅទីស្នាក់ការកណ្ដាល ក្រោមលេខយោងបណ្ដោះអាសន្ន %1 ។ ទីស្នាក់ការកណ្ដាលមិនទាន់ឆ្លើយតបនៅឡើយទេ។</translation>
    </message>
    <message>
        <location filename="../ui/site_page.py" line="356"/>
        <source>HQ returned this site (provisional reference %1): %2</source>
        <translation>ទីស្នាក់ការកណ្ដាលបានផ្ញើទីតាំងនេះត្រឡប់មកវិញ (លេខយោងបណ្ដោះអាសន្ន %1)៖ %2</translation>
    </message>
    <message>
        <location filename="../ui/site_page.py" line="357"/>
        <source>Found in the field; HQ confirmed it (provisional reference %1).</source>
        <translation>រកឃើញនៅទីវាល ទីស្នាក់ការកណ្ដាលបានបញ្ជាក់វា (លេខយោងបណ្ដោះអាសន្ន %1)។</translation>
    </message>
    <message>
        <location filename="../ui/site_page.py" line="337"/>
        <source>%1 m</source>
        <translation>%1 ម៉ែត្រ</translation>
    </message>
    <message>
        <location filename="../ui/site_page.py" line="337"/>
        <source>%1 km</source>
        <translation>%1 គ.ម.</translation>
    </message>
</context>
<context>
    <name>SitesView</name>
    <message>
        <location filename="../ui/sites_view.py" line="238"/>
        <source>Search: reference, name or place (Khmer or English)</source>
        <translation>ស្វែងរក៖ លេខយោង ឈ្មោះ ឬទីកន្លែង (ខ្មែរ ឬអង់គ្លេស)</translation>
    </message>
    <message>
        <location filename="../ui/sites_view.py" line="242"/>
        <source>Any status</source>
        <translation>គ្រប់ស្ថានភាព</translation>
    </message>
    <message>
        <location filename="../ui/sites_view.py" line="191"/>
        <source>proposed to HQ</source>
        <translation>បានស្នើទៅទីស្នាក់ការកណ្ដាល</translation>
    </message>
    <message>
        <location filename="../ui/sites_view.py" line="191"/>
        <source>returned by HQ</source>
        <translation>ទីស្នាក់ការកណ្ដាលបានផ្ញើត្រឡប់</translation>
    </message>
    <message>
        <location filename="../ui/sites_view.py" line="192"/>
        <source>found in the field, confirmed by HQ</source>
        <translation>រកឃើញនៅទីវាល ទីស្នាក់ការកណ្ដាលបានបញ្ជាក់</translation>
    </message>
    <message>
        <location filename="../ui/sites_view.py" line="233"/>
        <source>&amp;New site…</source>
        <translation>ទីតាំងថ្មី… (&amp;N)</translation>
    </message>
    <message>
        <location filename="../ui/sites_view.py" line="234"/>
        <source>Record a hazardous area found by survey and propose it to HQ</source>
        <translation>កត់ត្រាតំបន់គ្រោះថ្នាក់ដែលរកឃើញដោយការស្ទង់ ហើយស្នើវាទៅទីស្នាក់ការកណ្ដាល</translation>
    </message>
    <message>
        <location filename="../ui/sites_view.py" line="237"/>
        <source>Search sites (Ctrl+F)</source>
        <translation>ស្វែងរកទីតាំង (Ctrl+F)</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../ui/status_bar.py" line="56"/>
        <source>Drafts: %1</source>
        <translation>សេចក្ដីព្រាង៖ %1</translation>
    </message>
    <message>
        <location filename="../ui/status_bar.py" line="58"/>
        <source>Signed, waiting for HQ: %1</source>
        <translation>បានចុះហត្ថលេខា រង់ចាំទីស្នាក់ការកណ្ដាល៖ %1</translation>
    </message>
    <message>
        <location filename="../ui/status_bar.py" line="60"/>
        <source>Signed: %1, not sent: this laptop cannot sync until it is enrolled with HQ</source>
        <translation>បានចុះហត្ថលេខា៖ %1 មិនទាន់ផ្ញើ៖ កុំព្យូទ័រនេះមិនអាចធ្វើសមកាលកម្មបានទេ រហូតដល់ចុះឈ្មោះជាមួយទីស្នាក់ការកណ្ដាល</translation>
    </message>
    <message>
        <location filename="../ui/status_bar.py" line="62"/>
        <source>Returned by HQ: %1</source>
        <translation>ទីស្នាក់ការកណ្ដាលបានបញ្ជូនត្រឡប់៖ %1</translation>
    </message>
    <message>
        <location filename="../ui/status_bar.py" line="64"/>
        <source>Last sync: %1</source>
        <translation>សមកាលកម្មចុងក្រោយ៖ %1</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <location filename="../ui/sync_ui.py" line="172"/>
        <source>Connecting to HQ…</source>
        <translation>កំពុងភ្ជាប់ទៅទីស្នាក់ការកណ្ដាល…</translation>
    </message>
    <message>
        <location filename="../ui/sync_ui.py" line="181"/>
        <source>Sending reports to HQ: %1 of %2</source>
        <translation>កំពុងផ្ញើរបាយការណ៍ទៅទីស្នាក់ការកណ្ដាល៖ %1 នៃ %2</translation>
    </message>
    <message>
        <location filename="../ui/sync_ui.py" line="182"/>
        <source>Receiving HQ&apos;s decisions: %1 of %2</source>
        <translation>កំពុងទទួលសេចក្ដីសម្រេចពីទីស្នាក់ការកណ្ដាល៖ %1 នៃ %2</translation>
    </message>
    <message>
        <location filename="../ui/sync_ui.py" line="183"/>
        <source>Receiving sites from HQ: %1 of %2</source>
        <translation>កំពុងទទួលទីតាំងពីទីស្នាក់ការកណ្ដាល៖ %1 នៃ %2</translation>
    </message>
    <message>
        <location filename="../ui/sync_ui.py" line="207"/>
        <source>This laptop is now enrolled with HQ. Press Sync now to send the signed reports.</source>
        <translation>កុំព្យូទ័រនេះបានចុះឈ្មោះជាមួយទីស្នាក់ការកណ្ដាលហើយ។ ចុច «ធ្វើសមកាលកម្មឥឡូវ» ដើម្បីផ្ញើរបាយការណ៍ដែលបានចុះហត្ថលេខា។</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/sync_ui.py" line="230"/>
        <source>%n site(s) from HQ could not be used here; they are fetched again at the next sync.</source>
        <translation>
            <numerusform>ទីតាំង %n ពីទីស្នាក់ការកណ្ដាលមិនអាចប្រើនៅទីនេះបានទេ ហើយនឹងត្រូវទាញយកម្ដងទៀតនៅពេលធ្វើសមកាលកម្មលើកក្រោយ។</numerusform>
            <numerusform>ទីតាំង %n ពីទីស្នាក់ការកណ្ដាលមិនអាចប្រើនៅទីនេះបានទេ ហើយនឹងត្រូវទាញយកម្ដងទៀតនៅពេលធ្វើសមកាលកម្មលើកក្រោយ។</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/sync_ui.py" line="235"/>
        <source>This laptop&apos;s clock is wrong by %1 minutes: set the date and time.</source>
        <translation>នាឡិការបស់កុំព្យូទ័រនេះខុស %1 នាទី៖ សូមកំណត់កាលបរិច្ឆេទ និងម៉ោងឡើងវិញ។</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/sync_ui.py" line="246"/>
        <source>%n report(s) returned by HQ: %1</source>
        <translation>
            <numerusform>ទីស្នាក់ការកណ្ដាលបានបញ្ជូនរបាយការណ៍ %n ត្រឡប់៖ %1</numerusform>
            <numerusform>ទីស្នាក់ការកណ្ដាលបានបញ្ជូនរបាយការណ៍ %n ត្រឡប់៖ %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/sync_ui.py" line="249"/>
        <source>%n report(s) rejected by HQ: %1</source>
        <translation>
            <numerusform>ទីស្នាក់ការកណ្ដាលបានបដិសេធរបាយការណ៍ %n៖ %1</numerusform>
            <numerusform>ទីស្នាក់ការកណ្ដាលបានបដិសេធរបាយការណ៍ %n៖ %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/sync_ui.py" line="254"/>
        <source>see why</source>
        <translation>មើលមូលហេតុ</translation>
    </message>
    <message>
        <location filename="../ui/sync_ui.py" line="271"/>
        <source>Sync</source>
        <translation>សមកាលកម្ម</translation>
    </message>
    <message>
        <location filename="../ui/sync_ui.py" line="275"/>
        <source>HQ refused the enrollment code. Check the code (each works once and expires) or ask HQ for a new one.</source>
        <translation>ទីស្នាក់ការកណ្ដាលបានបដិសេធលេខកូដចុះឈ្មោះ។ សូមពិនិត្យលេខកូដ (លេខកូដនីមួយៗប្រើបានតែម្ដង និងផុតកំណត់) ឬស្នើសុំលេខកូដថ្មី។</translation>
    </message>
    <message>
        <location filename="../ui/sync_ui.py" line="278"/>
        <source>Could not reach HQ at that address. Check the address and the connection, then try again.</source>
        <translation>មិនអាចភ្ជាប់ទៅទីស្នាក់ការកណ្ដាលតាមអាសយដ្ឋាននោះបានទេ។ សូមពិនិត្យអាសយដ្ឋាន និងការតភ្ជាប់ រួចព្យាយាមម្ដងទៀត។</translation>
    </message>
    <message>
        <location filename="../ui/sync_ui.py" line="280"/>
        <source>Enrolling did not work. Nothing on this laptop was changed. Details are in the log file.</source>
        <translation>ការចុះឈ្មោះមិនបានសម្រេច។ គ្មានអ្វីលើកុំព្យូទ័រនេះត្រូវបានផ្លាស់ប្ដូរទេ។ ព័ត៌មានលម្អិតមាននៅក្នុងឯកសារកំណត់ហេតុ។</translation>
    </message>
    <message>
        <location filename="../ui/sync_ui.py" line="286"/>
        <source>Sync complete: %1 sent, %2 updated from HQ.</source>
        <translation>សមកាលកម្មបានបញ្ចប់៖ បានផ្ញើ%1 និងធ្វើបច្ចុប្បន្នភាព%2 ពីទីស្នាក់ការកណ្ដាល។</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/sync_ui.py" line="287"/>
        <source>%n report(s)</source>
        <translation>
            <numerusform>របាយការណ៍ %n</numerusform>
            <numerusform>របាយការណ៍ %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/sync_ui.py" line="288"/>
        <source>%n site(s)</source>
        <translation>
            <numerusform>ទីតាំង %n</numerusform>
            <numerusform>ទីតាំង %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/sync_ui.py" line="290"/>
        <source>%n new site(s) sent for HQ to confirm.</source>
        <translation>
            <numerusform>ទីតាំងថ្មី %n ត្រូវបានផ្ញើទៅទីស្នាក់ការកណ្ដាលដើម្បីបញ្ជាក់។</numerusform>
            <numerusform>ទីតាំងថ្មី %n ត្រូវបានផ្ញើទៅទីស្នាក់ការកណ្ដាលដើម្បីបញ្ជាក់។</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/sync_ui.py" line="293"/>
        <source>HQ refused %n report(s); each is kept here with HQ&apos;s reason. Amend them and sync again.</source>
        <translation>
            <numerusform>ទីស្នាក់ការកណ្ដាលបានបដិសេធរបាយការណ៍ %n ។ របាយការណ៍នីមួយៗត្រូវបានរក្សាទុកនៅទីនេះជាមួយមូលហេតុ។ សូមកែតម្រូវ ហើយធ្វើសមកាលកម្មម្ដងទៀត។</numerusform>
            <numerusform>ទីស្នាក់ការកណ្ដាលបានបដិសេធរបាយការណ៍ %n ។ របាយការណ៍នីមួយៗត្រូវបានរក្សាទុកនៅទីនេះជាមួយមូលហេតុ។ សូមកែតម្រូវ ហើយធ្វើសមកាលកម្មម្ដងទៀត។</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/sync_ui.py" line="296"/>
        <source>Could not reach HQ: no connection, or a network login page answered instead. Nothing was lost; sync again when you have a connection.</source>
        <translation>មិនអាចភ្ជាប់ទៅទីស្នាក់ការកណ្ដាលបានទេ៖ គ្មានការតភ្ជាប់ ឬទំព័រចូលបណ្ដាញបានឆ្លើយតបជំនួស។ គ្មានអ្វីបាត់បង់ទេ។ សូមធ្វើសមកាលកម្មម្ដងទៀតពេលមានការតភ្ជាប់។</translation>
    </message>
    <message>
        <location filename="../ui/sync_ui.py" line="299"/>
        <source>HQ no longer accepts this laptop. Ask HQ for a new enrollment code. Nothing was lost: every waiting report is still on this laptop.</source>
        <translation>ទីស្នាក់ការកណ្ដាលលែងទទួលកុំព្យូទ័រនេះទៀតហើយ។ សូមស្នើលេខកូដចុះឈ្មោះថ្មី។ គ្មានអ្វីបាត់បង់ទេ៖ របាយការណ៍ដែលកំពុងរង់ចាំទាំងអស់នៅលើកុំព្យូទ័រនេះនៅឡើយ។</translation>
    </message>
    <message>
        <location filename="../ui/sync_ui.py" line="302"/>
        <source>This laptop is not enrolled with HQ yet. Press Sync now and enter the code HQ gave you.</source>
        <translation>កុំព្យូទ័រនេះមិនទាន់ចុះឈ្មោះជាមួយទីស្នាក់ការកណ្ដាលនៅឡើយទេ។ ចុច «ធ្វើសមកាលកម្មឥឡូវ» ហើយបញ្ចូលលេខកូដដែលទីស្នាក់ការកណ្ដាលបានផ្ដល់ឱ្យ។</translation>
    </message>
    <message>
        <location filename="../ui/sync_ui.py" line="305"/>
        <source>Sync stopped before it finished. What HQ confirmed is marked as sent; the rest is still waiting. Nothing was lost.</source>
        <translation>សមកាលកម្មបានឈប់មុនពេលបញ្ចប់។ អ្វីដែលទីស្នាក់ការកណ្ដាលបានបញ្ជាក់ត្រូវបានកត់ថាបានផ្ញើ ហើយអ្វីដែលនៅសល់កំពុងរង់ចាំ។ គ្មានអ្វីបាត់បង់ទេ។</translation>
    </message>
    <message>
        <location filename="../ui/sync_ui.py" line="307"/>
        <source>HQ had a problem and could not take the reports now. Nothing was lost; try again later.</source>
        <translation>ទីស្នាក់ការកណ្ដាលមានបញ្ហា ហើយមិនអាចទទួលរបាយការណ៍ឥឡូវនេះបានទេ។ គ្មានអ្វីបាត់បង់ទេ។ សូមព្យាយាមម្ដងទៀតនៅពេលក្រោយ។</translation>
    </message>
    <message>
        <location filename="../ui/sync_ui.py" line="326"/>
        <source>Stop sync</source>
        <translation>បញ្ឈប់សមកាលកម្ម</translation>
    </message>
    <message>
        <location filename="../ui/sync_ui.py" line="327"/>
        <source>Stop after the batch being sent; nothing is lost.</source>
        <translation>បញ្ឈប់បន្ទាប់ពីផ្ញើបាច់បច្ចុប្បន្នរួច។ គ្មានអ្វីបាត់បង់ទេ។</translation>
    </message>
    <message>
        <location filename="../ui/sync_ui.py" line="329"/>
        <location filename="../ui/sync_ui.py" line="332"/>
        <source>Sync now</source>
        <translation>ធ្វើសមកាលកម្មឥឡូវ</translation>
    </message>
    <message>
        <location filename="../ui/sync_ui.py" line="330"/>
        <source>Send signed reports to HQ and get this unit&apos;s sites.</source>
        <translation>ផ្ញើរបាយការណ៍ដែលបានចុះហត្ថលេខាទៅទីស្នាក់ការកណ្ដាល ហើយទទួលទីតាំងរបស់អង្គភាពនេះ។</translation>
    </message>
    <message>
        <location filename="../ui/sync_ui.py" line="333"/>
        <source>Connect this laptop to HQ with the code HQ gave you. Reports are kept safely until then.</source>
        <translation>ភ្ជាប់កុំព្យូទ័រនេះទៅទីស្នាក់ការកណ្ដាលដោយប្រើលេខកូដដែលបានផ្ដល់ឱ្យ។ របាយការណ៍ត្រូវបានរក្សាទុកដោយសុវត្ថិភាពរហូតដល់ពេលនោះ។</translation>
    </message>
</context>
<context>
    <name>print_sheet</name>
    <message>
        <location filename="../ui/print_sheet.py" line="60"/>
        <location filename="../ui/print_sheet.py" line="84"/>
        <source>Save sheet as PDF</source>
        <translation>រក្សាទុកសន្លឹកជា PDF</translation>
    </message>
    <message>
        <location filename="../ui/print_sheet.py" line="61"/>
        <source>PDF files (*.pdf)</source>
        <translation>ឯកសារ PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../ui/print_sheet.py" line="85"/>
        <source>The sheet could not be saved to %1: %2</source>
        <translation>មិនអាចរក្សាទុកសន្លឹកទៅ %1 បានទេ៖ %2</translation>
    </message>
    <message>
        <location filename="../ui/print_sheet.py" line="97"/>
        <source>Print site sheet</source>
        <translation>បោះពុម្ពសន្លឹកទីតាំង</translation>
    </message>
    <message>
        <location filename="../ui/print_sheet.py" line="98"/>
        <source>The site %1 is no longer in this database.</source>
        <translation>ទីតាំង %1 លែងមាននៅក្នុងមូលដ្ឋានទិន្នន័យនេះទៀតហើយ។</translation>
    </message>
    <message>
        <location filename="../ui/print_sheet.py" line="118"/>
        <source>Site sheet %1</source>
        <translation>សន្លឹកទីតាំង %1</translation>
    </message>
    <message>
        <location filename="../ui/print_sheet.py" line="123"/>
        <source>Save sheet as PDF…</source>
        <translation>រក្សាទុកសន្លឹកជា PDF…</translation>
    </message>
</context>
</TS>
