<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AuditScreen</name>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/audit.py" line="203"/>
        <source>%n entries</source>
        <translation>
            <numerusform>%n entry</numerusform>
            <numerusform>%n entries</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CardRow</name>
    <message numerus="yes">
        <location filename="../../kiosk/ui/widgets/result_panel.py" line="58"/>
        <source>%n point(s)</source>
        <translation>
            <numerusform>%n point</numerusform>
            <numerusform>%n points</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/widgets/result_panel.py" line="70"/>
        <source>%n reward(s) ready: %1</source>
        <translation>
            <numerusform>%n reward ready: %1</numerusform>
            <numerusform>%n rewards ready: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CustomersScreen</name>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/customers.py" line="149"/>
        <source>%n card(s)</source>
        <translation>
            <numerusform>%n card</numerusform>
            <numerusform>%n cards</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/customers.py" line="185"/>
        <source>%n customer(s) found</source>
        <translation>
            <numerusform>%n customer found</numerusform>
            <numerusform>%n customers found</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/customers.py" line="268"/>
        <source>%1 · %2: %n stamp(s) now, %3 rewards redeemed</source>
        <translation>
            <numerusform>%1 · %2: %n stamp now, %3 rewards redeemed</numerusform>
            <numerusform>%1 · %2: %n stamps now, %3 rewards redeemed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/customers.py" line="288"/>
        <source>Adjusted: %n stamp(s) now.</source>
        <translation>
            <numerusform>Adjusted: %n stamp now.</numerusform>
            <numerusform>Adjusted: %n stamps now.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/customers.py" line="358"/>
        <source>Merged: %1 is now part of %2 (%n card(s) moved).</source>
        <translation>
            <numerusform>Merged: %1 is now part of %2 (%n card moved).</numerusform>
            <numerusform>Merged: %1 is now part of %2 (%n cards moved).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HappyHourBanner</name>
    <message numerus="yes">
        <location filename="../../kiosk/ui/widgets/happy_hour_banner.py" line="61"/>
        <source>%n bonus point(s) a visit</source>
        <translation>
            <numerusform>%n bonus point a visit</numerusform>
            <numerusform>%n bonus points a visit</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/widgets/happy_hour_banner.py" line="62"/>
        <source>%n bonus stamp(s) a visit</source>
        <translation>
            <numerusform>%n bonus stamp a visit</numerusform>
            <numerusform>%n bonus stamps a visit</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KioskStatusBar</name>
    <message numerus="yes">
        <location filename="../../kiosk/ui/widgets/status_bar.py" line="32"/>
        <source>%n event(s) waiting to sync</source>
        <translation>
            <numerusform>%n event waiting to sync</numerusform>
            <numerusform>%n events waiting to sync</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/widgets/status_bar.py" line="42"/>
        <source>Offline — %n event(s) waiting</source>
        <translation>
            <numerusform>Offline — %n event waiting</numerusform>
            <numerusform>Offline — %n events waiting</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LookupScreen</name>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/lookup.py" line="100"/>
        <source>%n card(s) found</source>
        <translation>
            <numerusform>%n card found</numerusform>
            <numerusform>%n cards found</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OpenProgramRow</name>
    <message numerus="yes">
        <location filename="../../kiosk/ui/widgets/result_panel.py" line="117"/>
        <source>%n point(s)</source>
        <translation>
            <numerusform>%n point</numerusform>
            <numerusform>%n points</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PointsCounter</name>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/scan_points.py" line="116"/>
        <source>+%n point(s) (happy hour)</source>
        <translation>
            <numerusform>+%n point (happy hour)</numerusform>
            <numerusform>+%n points (happy hour)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/scan_points.py" line="118"/>
        <source>+%n point(s)</source>
        <translation>
            <numerusform>+%n point</numerusform>
            <numerusform>+%n points</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/scan_points.py" line="119"/>
        <location filename="../../kiosk/ui/screens/scan_points.py" line="215"/>
        <source>Balance: %n point(s)</source>
        <translation>
            <numerusform>Balance: %n point</numerusform>
            <numerusform>Balance: %n points</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/scan_points.py" line="137"/>
        <source>Undo %1&apos;s +%n point(s)</source>
        <translation>
            <numerusform>Undo %1&apos;s +%n point</numerusform>
            <numerusform>Undo %1&apos;s +%n points</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/scan_points.py" line="214"/>
        <source>Reward given: %1 (−%n point(s))</source>
        <translation>
            <numerusform>Reward given: %1 (−%n point)</numerusform>
            <numerusform>Reward given: %1 (−%n points)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/scan_points.py" line="235"/>
        <source>%n point(s) expired on %1</source>
        <translation>
            <numerusform>%n point expired on %1</numerusform>
            <numerusform>%n points expired on %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/scan_points.py" line="236"/>
        <source>(no visit for %n month(s))</source>
        <translation>
            <numerusform>(no visit for %n month)</numerusform>
            <numerusform>(no visit for %n months)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PointsFields</name>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/offers_points.py" line="261"/>
        <source>A sale of %1 earns %n point(s).</source>
        <translation>
            <numerusform>A sale of %1 earns %n point.</numerusform>
            <numerusform>A sale of %1 earns %n points.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/offers_points.py" line="265"/>
        <source>%1 ×%2: %n point(s)</source>
        <translation>
            <numerusform>%1 ×%2: %n point</numerusform>
            <numerusform>%1 ×%2: %n points</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/offers_points.py" line="285"/>
        <source>Points not spent expire %n month(s) after her last visit.</source>
        <translation>
            <numerusform>Points not spent expire %n month after her last visit.</numerusform>
            <numerusform>Points not spent expire %n months after her last visit.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PointsSalePanel</name>
    <message numerus="yes">
        <location filename="../../kiosk/ui/widgets/points_sale.py" line="142"/>
        <source>%1 · %2: %n point(s)</source>
        <translation>
            <numerusform>%1 · %2: %n point</numerusform>
            <numerusform>%1 · %2: %n points</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/widgets/points_sale.py" line="150"/>
        <source>%1 · %n point(s)</source>
        <translation>
            <numerusform>%1 · %n point</numerusform>
            <numerusform>%1 · %n points</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/widgets/points_sale.py" line="174"/>
        <source>%n visit(s) to %1</source>
        <translation>
            <numerusform>%n visit to %1</numerusform>
            <numerusform>%n visits to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/widgets/points_sale.py" line="176"/>
        <source>%n point(s) to %1</source>
        <translation>
            <numerusform>%n point to %1</numerusform>
            <numerusform>%n points to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/widgets/points_sale.py" line="244"/>
        <source>Give %1 %2 for %n point(s)?</source>
        <translation>
            <numerusform>Give %1 %2 for %n point?</numerusform>
            <numerusform>Give %1 %2 for %n points?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProgramKind</name>
    <message numerus="yes">
        <location filename="../../loyalty_rules/kinds/stamps.py" line="29"/>
        <source>%n stamp(s)</source>
        <translation>
            <numerusform>%n stamp</numerusform>
            <numerusform>%n stamps</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../loyalty_rules/kinds/points.py" line="421"/>
        <source>%n point(s)</source>
        <translation>
            <numerusform>%n point</numerusform>
            <numerusform>%n points</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportsScreen</name>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/reports.py" line="153"/>
        <source>%n manual adjustment(s), %1 stamps in all</source>
        <translation>
            <numerusform>%n manual adjustment, %1 stamps in all</numerusform>
            <numerusform>%n manual adjustments, %1 stamps in all</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/reports.py" line="161"/>
        <source>%n point(s) expired (no visit within the offer&apos;s months)</source>
        <translation>
            <numerusform>%n point expired (no visit within the offer&apos;s months)</numerusform>
            <numerusform>%n points expired (no visit within the offer&apos;s months)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ScanScreen</name>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/scan.py" line="173"/>
        <source>%n stamp(s)</source>
        <translation>
            <numerusform>%n stamp</numerusform>
            <numerusform>%n stamps</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/scan.py" line="262"/>
        <source>+%n stamp(s) (happy hour)</source>
        <translation>
            <numerusform>+%n stamp (happy hour)</numerusform>
            <numerusform>+%n stamps (happy hour)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/scan.py" line="264"/>
        <source>%n stamp(s) added</source>
        <translation>
            <numerusform>%n stamp added</numerusform>
            <numerusform>%n stamps added</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/scan.py" line="343"/>
        <source>Undone: %n point(s) taken back</source>
        <translation>
            <numerusform>Undone: %n point taken back</numerusform>
            <numerusform>Undone: %n points taken back</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/scan.py" line="345"/>
        <source>Undone: %n stamp(s) taken back</source>
        <translation>
            <numerusform>Undone: %n stamp taken back</numerusform>
            <numerusform>Undone: %n stamps taken back</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SignInScreen</name>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/signin.py" line="226"/>
        <source>Wrong PIN. %n attempt(s) left before a lockout.</source>
        <translation>
            <numerusform>Wrong PIN. %n attempt left before a lockout.</numerusform>
            <numerusform>Wrong PIN. %n attempts left before a lockout.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncScreen</name>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/sync.py" line="146"/>
        <source>Conflicts (%n)</source>
        <translation>
            <numerusform>Conflicts (%n)</numerusform>
            <numerusform>Conflicts (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/sync.py" line="162"/>
        <source>First sync: %n item(s) received</source>
        <translation>
            <numerusform>First sync: %n item received</numerusform>
            <numerusform>First sync: %n items received</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/sync.py" line="202"/>
        <source>Offline — %n event(s) waiting</source>
        <translation>
            <numerusform>Offline — %n event waiting</numerusform>
            <numerusform>Offline — %n events waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/sync.py" line="236"/>
        <source>%n event(s) waiting to sync</source>
        <translation>
            <numerusform>%n event waiting to sync</numerusform>
            <numerusform>%n events waiting to sync</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/sync.py" line="238"/>
        <source>%n event(s) refused by the cloud</source>
        <translation>
            <numerusform>%n event refused by the cloud</numerusform>
            <numerusform>%n events refused by the cloud</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/sync.py" line="267"/>
        <source>Refused events (%n)</source>
        <translation>
            <numerusform>Refused events (%n)</numerusform>
            <numerusform>Refused events (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/sync.py" line="269"/>
        <source>Refused offer changes (%n)</source>
        <translation>
            <numerusform>Refused offer change (%n)</numerusform>
            <numerusform>Refused offer changes (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/sync.py" line="276"/>
        <source>%n member(s) waiting for a plan upgrade.</source>
        <translation>
            <numerusform>%n member waiting for a plan upgrade.</numerusform>
            <numerusform>%n members waiting for a plan upgrade.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/sync.py" line="307"/>
        <source>This kiosk&apos;s clock is %n minute(s) ahead of the cloud&apos;s. Check the time setting.</source>
        <translation>
            <numerusform>This kiosk&apos;s clock is %n minute ahead of the cloud&apos;s. Check the time setting.</numerusform>
            <numerusform>This kiosk&apos;s clock is %n minutes ahead of the cloud&apos;s. Check the time setting.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/sync.py" line="312"/>
        <source>This kiosk&apos;s clock is %n minute(s) behind the cloud&apos;s. Check the time setting.</source>
        <translation>
            <numerusform>This kiosk&apos;s clock is %n minute behind the cloud&apos;s. Check the time setting.</numerusform>
            <numerusform>This kiosk&apos;s clock is %n minutes behind the cloud&apos;s. Check the time setting.</numerusform>
        </translation>
    </message>
</context>
</TS>
