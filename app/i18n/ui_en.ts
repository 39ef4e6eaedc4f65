<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>HistoryPanel</name>
    <message numerus="yes">
        <location filename="../ui/history_panel.py" line="232"/>
        <source>Histor&amp;y: %n signed revision(s)</source>
        <translation>
            <numerusform>Histor&amp;y: %n signed revision</numerusform>
            <numerusform>Histor&amp;y: %n signed revisions</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message numerus="yes">
        <location filename="../ui/sync_ui.py" line="230"/>
        <source>%n site(s) from HQ could not be used here; they are fetched again at the next sync.</source>
        <translation>
            <numerusform>%n site from HQ could not be used here; it is fetched again at the next sync.</numerusform>
            <numerusform>%n sites from HQ could not be used here; they are fetched again at the next sync.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/sync_ui.py" line="246"/>
        <source>%n report(s) returned by HQ: %1</source>
        <translation>
            <numerusform>%n report returned by HQ: %1</numerusform>
            <numerusform>%n reports returned by HQ: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/sync_ui.py" line="249"/>
        <source>%n report(s) rejected by HQ: %1</source>
        <translation>
            <numerusform>%n report rejected by HQ: %1</numerusform>
            <numerusform>%n reports rejected by HQ: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/sync_ui.py" line="287"/>
        <source>%n report(s)</source>
        <translation>
            <numerusform>%n report</numerusform>
            <numerusform>%n reports</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/sync_ui.py" line="288"/>
        <source>%n site(s)</source>
        <translation>
            <numerusform>%n site</numerusform>
            <numerusform>%n sites</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/sync_ui.py" line="290"/>
        <source>%n new site(s) sent for HQ to confirm.</source>
        <translation>
            <numerusform>%n new site sent for HQ to confirm.</numerusform>
            <numerusform>%n new sites sent for HQ to confirm.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/sync_ui.py" line="293"/>
        <source>HQ refused %n report(s); each is kept here with HQ&apos;s reason. Amend them and sync again.</source>
        <translation>
            <numerusform>HQ refused %n report; it is kept here with HQ&apos;s reason. Amend it and sync again.</numerusform>
            <numerusform>HQ refused %n reports; each is kept here with HQ&apos;s reason. Amend them and sync again.</numerusform>
        </translation>
    </message>
</context>
</TS>
