<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>SyncController</name>
    <message numerus="yes">
        <location filename="../ui/sync_ui.py" line="208" />
        <source>Sync complete: %n report(s) sent,</source>
        <translation>
            <numerusform>Sync complete: %n report sent,</numerusform>
            <numerusform>Sync complete: %n reports sent,</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/sync_ui.py" line="209" />
        <source>%n site(s) updated from HQ.</source>
        <translation>
            <numerusform>%n site updated from HQ.</numerusform>
            <numerusform>%n sites updated from HQ.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/sync_ui.py" line="211" />
        <source>HQ refused %n report(s); each is kept here with HQ's reason. Amend them and sync again.</source>
        <translation>
            <numerusform>HQ refused %n report; it is kept here with HQ's reason. Amend it and sync again.</numerusform>
            <numerusform>HQ refused %n reports; each is kept here with HQ's reason. Amend them and sync again.</numerusform>
        </translation>
    </message>
</context>
</TS>