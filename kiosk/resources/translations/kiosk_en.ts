<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>AuditScreen</name>
    <message numerus="yes">
        <location filename="../../ui/screens/audit.py" line="61" />
        <source>%n entries</source>
        <translation>
            <numerusform>%n entry</numerusform><numerusform>%n entries</numerusform></translation>
    </message>
</context>
<context>
    <name>CardRow</name>
    <message numerus="yes">
        <location filename="../../ui/widgets/result_panel.py" line="41" />
        <source>%n reward(s) ready: %1</source>
        <translation>
            <numerusform>%n reward ready: %1</numerusform><numerusform>%n rewards ready: %1</numerusform></translation>
    </message>
</context>
<context>
    <name>CustomersScreen</name>
    <message numerus="yes">
        <location filename="../../ui/screens/customers.py" line="114" />
        <source>%n card(s) found</source>
        <translation>
            <numerusform>%n card found</numerusform><numerusform>%n cards found</numerusform></translation>
    </message>
</context>
<context>
    <name>KioskStatusBar</name>
    <message numerus="yes">
        <location filename="../../ui/widgets/status_bar.py" line="41" />
        <source>%n event(s) waiting to sync</source>
        <translation>
            <numerusform>%n event waiting to sync</numerusform><numerusform>%n events waiting to sync</numerusform></translation>
    </message>
</context>
<context>
    <name>LookupScreen</name>
    <message numerus="yes">
        <location filename="../../ui/screens/lookup.py" line="80" />
        <source>%n card(s) found</source>
        <translation>
            <numerusform>%n card found</numerusform><numerusform>%n cards found</numerusform></translation>
    </message>
</context>
<context>
    <name>ScanScreen</name>
    <message numerus="yes">
        <location filename="../../ui/screens/scan.py" line="149" />
        <source>%n stamp(s)</source>
        <translation>
            <numerusform>%n stamp</numerusform><numerusform>%n stamps</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/screens/scan.py" line="191" />
        <source>%n stamp(s) added</source>
        <translation>
            <numerusform>%n stamp added</numerusform><numerusform>%n stamps added</numerusform></translation>
    </message>
</context>
<context>
    <name>SignInScreen</name>
    <message numerus="yes">
        <location filename="../../ui/screens/signin.py" line="235" />
        <source>Wrong PIN. %n attempt(s) left before a lockout.</source>
        <translation>
            <numerusform>Wrong PIN. %n attempt left before a lockout.</numerusform><numerusform>Wrong PIN. %n attempts left before a lockout.</numerusform></translation>
    </message>
</context>
</TS>