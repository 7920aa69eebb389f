<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AbResultsPage</name>
    <message>
        <location filename="../../kiosk/ui/widgets/ab_results_page.py" line="140"/>
        <source>No A/B tests yet. Start one on the Offers screen (A/B test…).</source>
        <translation>Noch keine A/B-Tests. Einen starten Sie auf der Seite „Angebote“ (A/B-Test…).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/ab_results_page.py" line="142"/>
        <source>Every till&apos;s members, as the cloud counts them.</source>
        <translation>Die Mitglieder aller Kassen, wie die Cloud sie zählt.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/ab_results_page.py" line="143"/>
        <source>This kiosk&apos;s data only: members who came in at other tills are not counted here.</source>
        <translation>Nur die Daten dieses Kiosks: Mitglieder, die an anderen Kassen waren, sind hier nicht gezählt.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/ab_results_page.py" line="162"/>
        <source>Members counted so far, by group (%1 needed in each)</source>
        <translation>Bisher gezählte Mitglieder je Gruppe (%1 je Gruppe nötig)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/ab_results_page.py" line="173"/>
        <source>Control (no offer)</source>
        <translation>Kontrollgruppe (kein Angebot)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/ab_results_page.py" line="176"/>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/ab_results_page.py" line="176"/>
        <source>stopped</source>
        <translation>beendet</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/ab_results_page.py" line="177"/>
        <source>%1 (%2, since %3)</source>
        <translation>%1 (%2, seit %3)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/ab_results_page.py" line="181"/>
        <source>d MMM yyyy</source>
        <translation>d. MMM yyyy</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/ab_results_page.py" line="185"/>
        <source>Came back within %1 days, with 95 % confidence intervals</source>
        <translation>Innerhalb von %1 Tagen wiedergekommen, mit 95-%-Konfidenzintervallen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/ab_results_page.py" line="186"/>
        <source>Visit days in the first %1 days, with 95 % confidence intervals</source>
        <translation>Besuchstage in den ersten %1 Tagen, mit 95-%-Konfidenzintervallen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/ab_results_page.py" line="202"/>
        <source>%1 points</source>
        <translation>%1 Prozentpunkte</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/ab_results_page.py" line="202"/>
        <source>%1 visits</source>
        <translation>%1 Besuche</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/ab_results_page.py" line="210"/>
        <source>Not enough data yet: %1 of %2 members; the horizon&apos;s day cannot be told yet.</source>
        <translation>Noch nicht genug Daten: %1 von %2 Mitgliedern; wann der Horizont erreicht ist, lässt sich noch nicht sagen.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/ab_results_page.py" line="215"/>
        <source>Not enough data yet: %1 of %2 members, the horizon is %3.</source>
        <translation>Noch nicht genug Daten: %1 von %2 Mitgliedern, der Horizont ist am %3.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/ab_results_page.py" line="228"/>
        <source>%1 against %2: %3 (95 % CI %4 to %5), p = %6</source>
        <translation>%1 gegenüber %2: %3 (95-%-KI %4 bis %5), p = %6</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/ab_results_page.py" line="238"/>
        <source>No group is shown to be better.</source>
        <translation>Keine Gruppe ist nachweislich besser.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/ab_results_page.py" line="240"/>
        <source>Better: %1.</source>
        <translation>Besser: %1.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/ab_results_page.py" line="246"/>
        <source>A/B tests</source>
        <translation>A/B-Tests</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/ab_results_page.py" line="254"/>
        <source>Measured: who comes back within %1 days of the first visit</source>
        <translation>Gemessen: wer innerhalb von %1 Tagen nach dem ersten Besuch wiederkommt</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/ab_results_page.py" line="256"/>
        <source>Measured: visit days in the first %1 days</source>
        <translation>Gemessen: Besuchstage in den ersten %1 Tagen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/ab_results_page.py" line="260"/>
        <source>Groups: %1</source>
        <translation>Gruppen: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/ab_results_page.py" line="262"/>
        <source>Horizon: %1 members in each group, %2 in all</source>
        <translation>Horizont: %1 Mitglieder je Gruppe, %2 insgesamt</translation>
    </message>
</context>
<context>
    <name>AbTestDialog</name>
    <message>
        <location filename="../../kiosk/ui/screens/ab_test_dialog.py" line="66"/>
        <source>A/B test</source>
        <translation>A/B-Test</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/ab_test_dialog.py" line="72"/>
        <source>Members are split by their code, the same at every kiosk. The number of members per group is fixed now; results show once every group has reached it.</source>
        <translation>Mitglieder werden nach ihrem Code aufgeteilt, an jedem Kiosk gleich. Die Zahl der Mitglieder je Gruppe wird jetzt festgelegt; Ergebnisse gibt es, sobald jede Gruppe sie erreicht hat.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/ab_test_dialog.py" line="84"/>
        <source>Control: no offer</source>
        <translation>Kontrollgruppe: kein Angebot</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/ab_test_dialog.py" line="90"/>
        <source>Members who come back within the days</source>
        <translation>Mitglieder, die innerhalb der Tage wiederkommen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/ab_test_dialog.py" line="91"/>
        <source>Visits per member within the days</source>
        <translation>Besuche je Mitglied innerhalb der Tage</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/ab_test_dialog.py" line="92"/>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/ab_test_dialog.py" line="94"/>
        <source> points</source>
        <translation> Prozentpunkte</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/ab_test_dialog.py" line="99"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/ab_test_dialog.py" line="100"/>
        <source>Group A</source>
        <translation>Gruppe A</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/ab_test_dialog.py" line="101"/>
        <source>Group B</source>
        <translation>Gruppe B</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/ab_test_dialog.py" line="102"/>
        <source>Measure</source>
        <translation>Messen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/ab_test_dialog.py" line="103"/>
        <source>Within</source>
        <translation>Innerhalb von</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/ab_test_dialog.py" line="105"/>
        <source>Share that comes back today</source>
        <translation>Anteil, der heute wiederkommt</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/ab_test_dialog.py" line="106"/>
        <source>Smallest change worth finding</source>
        <translation>Kleinste Änderung, die sich zu finden lohnt</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/ab_test_dialog.py" line="109"/>
        <source>Smallest change worth finding (visits)</source>
        <translation>Kleinste Änderung, die sich zu finden lohnt (Besuche)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/ab_test_dialog.py" line="110"/>
        <source>Spread of visits per member (standard deviation)</source>
        <translation>Streuung der Besuche je Mitglied (Standardabweichung)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/ab_test_dialog.py" line="115"/>
        <source>Members per group</source>
        <translation>Mitglieder je Gruppe</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/ab_test_dialog.py" line="119"/>
        <source>Start the test</source>
        <translation>Test starten</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/ab_test_dialog.py" line="120"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/ab_test_dialog.py" line="145"/>
        <source>Choose a change that keeps the share under 100 %.</source>
        <translation>Wählen Sie eine Änderung, bei der der Anteil unter 100 % bleibt.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/ab_test_dialog.py" line="148"/>
        <source>%1 (95 % confidence, 80 % power)</source>
        <translation>%1 (95 % Konfidenz, 80 % Teststärke)</translation>
    </message>
</context>
<context>
    <name>AnalyticsScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/analytics.py" line="54"/>
        <source>Analytics</source>
        <translation>Auswertungen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/analytics.py" line="56"/>
        <source>30 days</source>
        <translation>30 Tage</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/analytics.py" line="56"/>
        <source>90 days</source>
        <translation>90 Tage</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/analytics.py" line="56"/>
        <source>365 days</source>
        <translation>365 Tage</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/analytics.py" line="60"/>
        <source>Tables</source>
        <translation>Tabellen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/analytics.py" line="63"/>
        <location filename="../../kiosk/ui/screens/analytics.py" line="296"/>
        <source>Export PDF</source>
        <translation>PDF exportieren</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/analytics.py" line="74"/>
        <source>No visits yet. The charts appear here after the first stamps.</source>
        <translation>Noch keine Besuche. Die Diagramme erscheinen hier nach den ersten Stempeln.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/analytics.py" line="83"/>
        <source>Visits</source>
        <translation>Besuche</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/analytics.py" line="84"/>
        <source>Popular offers</source>
        <translation>Angebote</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/analytics.py" line="85"/>
        <source>New members</source>
        <translation>Neuzugänge</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/analytics.py" line="86"/>
        <source>Segments</source>
        <translation>Segmente</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/analytics.py" line="99"/>
        <location filename="../../kiosk/ui/screens/analytics.py" line="271"/>
        <source>At risk</source>
        <translation>Gefährdet</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/analytics.py" line="101"/>
        <source>A/B tests</source>
        <translation>A/B-Tests</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/analytics.py" line="114"/>
        <source>MMM yyyy</source>
        <translation>MMM yyyy</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/analytics.py" line="157"/>
        <source>Asking the cloud…</source>
        <translation>Die Cloud wird gefragt…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/analytics.py" line="194"/>
        <location filename="../../kiosk/ui/screens/analytics.py" line="198"/>
        <source>d MMM</source>
        <translation>d. MMM</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/analytics.py" line="194"/>
        <source>MMM yy</source>
        <translation>MMM yy</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/analytics.py" line="204"/>
        <source>Members by segment (%1 with a visit in the last 365 days)</source>
        <translation>Mitglieder nach Segment (%1 mit einem Besuch in den letzten 365 Tagen)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/analytics.py" line="219"/>
        <location filename="../../kiosk/ui/screens/analytics.py" line="220"/>
        <source>d MMM yyyy</source>
        <translation>d. MMM yyyy</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/analytics.py" line="228"/>
        <source>From the cloud, as of %1</source>
        <translation>Aus der Cloud, Stand %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/analytics.py" line="230"/>
        <source>Computed on this kiosk (not paired)</source>
        <translation>Auf diesem Kiosk berechnet (nicht gekoppelt)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/analytics.py" line="232"/>
        <source>The cloud refused this kiosk — showing this kiosk&apos;s figures</source>
        <translation>Die Cloud hat diesen Kiosk abgewiesen — es werden die Zahlen dieses Kiosks gezeigt</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/analytics.py" line="234"/>
        <source>No cloud credential here — showing this kiosk&apos;s figures</source>
        <translation>Keine Cloud-Zugangsdaten hier — es werden die Zahlen dieses Kiosks gezeigt</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/analytics.py" line="235"/>
        <source>Cloud unreachable — showing this kiosk&apos;s figures</source>
        <translation>Cloud nicht erreichbar — es werden die Zahlen dieses Kiosks gezeigt</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/analytics.py" line="266"/>
        <source>Members by segment</source>
        <translation>Mitglieder nach Segment</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/analytics.py" line="268"/>
        <source>%1: %2 members</source>
        <translation>%1: %2 Mitglieder</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/analytics.py" line="274"/>
        <source>%1: %2 still a customer, %3 visit days</source>
        <translation>%1: %2 noch Kunde, %3 Besuchstage</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/analytics.py" line="282"/>
        <source>Returning members</source>
        <translation>Wiederkehrende Mitglieder</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/analytics.py" line="109"/>
        <source>Each row is the members who joined in that month; each column, the share of them who came in that many months later (+0: the month they joined).</source>
        <translation>Jede Zeile sind die Mitglieder, die in diesem Monat beigetreten sind; jede Spalte der Anteil von ihnen, der so viele Monate später vorbeikam (+0: der Beitrittsmonat).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/analytics.py" line="96"/>
        <source>Coming back</source>
        <translation>Rückkehr</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/analytics.py" line="114"/>
        <source>%1 (%2 joined)</source>
        <translation>%1 (%2 beigetreten)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/analytics.py" line="141"/>
        <source>Counting…</source>
        <translation>Wird gezählt…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/analytics.py" line="193"/>
        <source>Visits per day</source>
        <translation>Besuche pro Tag</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/analytics.py" line="196"/>
        <source>Stamps per offer</source>
        <translation>Stempel pro Angebot</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/analytics.py" line="197"/>
        <source>New members per week</source>
        <translation>Neue Mitglieder pro Woche</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/analytics.py" line="217"/>
        <source>The last %1 days: %2 to %3</source>
        <translation>Die letzten %1 Tage: %2 bis %3</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/analytics.py" line="244"/>
        <source>%1 visits, %2 stamps given, %3 rewards redeemed, %4 new members</source>
        <translation>%1 Besuche, %2 Stempel vergeben, %3 Prämien eingelöst, %4 neue Mitglieder</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/analytics.py" line="256"/>
        <source>Analytics report</source>
        <translation>Auswertungsbericht</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/analytics.py" line="257"/>
        <source>Loyalty Kiosk</source>
        <translation>Treue-Kiosk</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/analytics.py" line="261"/>
        <source>Offers</source>
        <translation>Angebote</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/analytics.py" line="263"/>
        <source>%1: %2 visits, %3 stamps, %4 rewards</source>
        <translation>%1: %2 Besuche, %3 Stempel, %4 Prämien</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/analytics.py" line="285"/>
        <source>Page %1 of %2</source>
        <translation>Seite %1 von %2</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/analytics.py" line="298"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-Dateien (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/analytics.py" line="316"/>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/analytics.py" line="339"/>
        <source>Saved the report to %1.</source>
        <translation>Bericht gespeichert unter %1.</translation>
    </message>
</context>
<context>
    <name>AtRiskPage</name>
    <message>
        <location filename="../../kiosk/ui/widgets/at_risk_page.py" line="70"/>
        <source>At risk needs the cloud: only its churn model, fitted on every till&apos;s visits, can tell who is likely to stay away. Pair this kiosk on the Sync screen.</source>
        <translation>„Gefährdet“ braucht die Cloud: Nur ihr Abwanderungsmodell, angepasst an die Besuche aller Kassen, kann sagen, wer wahrscheinlich wegbleibt. Diesen Kiosk auf der Seite „Abgleich“ koppeln.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/at_risk_page.py" line="74"/>
        <source>The cloud is fitting its churn model on the shop&apos;s visits; look again soon.</source>
        <translation>Die Cloud passt ihr Abwanderungsmodell gerade an die Besuche des Geschäfts an; bitte bald wieder hineinschauen.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/at_risk_page.py" line="77"/>
        <source>Not enough visits yet: the churn model needs more members who came back on another day.</source>
        <translation>Noch nicht genug Besuche: Das Abwanderungsmodell braucht mehr Mitglieder, die an einem weiteren Tag wiedergekommen sind.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/at_risk_page.py" line="79"/>
        <source>The cloud could not fit its churn model; it tries again daily.</source>
        <translation>Die Cloud konnte ihr Abwanderungsmodell nicht anpassen; sie versucht es täglich erneut.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/at_risk_page.py" line="85"/>
        <source>Members less likely than not to still be customers (BG/NBD model), those who came most often first; expected visits over the next %1 weeks.</source>
        <translation>Mitglieder, die eher nicht mehr Kunden sind (BG/NBD-Modell), die häufigsten Besucher zuerst; erwartete Besuche in den nächsten %1 Wochen.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/at_risk_page.py" line="92"/>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/at_risk_page.py" line="97"/>
        <source>Member</source>
        <translation>Mitglied</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/at_risk_page.py" line="98"/>
        <source>Visit days</source>
        <translation>Besuchstage</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/at_risk_page.py" line="99"/>
        <source>Still a customer</source>
        <translation>Noch Kunde</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/at_risk_page.py" line="100"/>
        <source>Expected visits</source>
        <translation>Erwartete Besuche</translation>
    </message>
</context>
<context>
    <name>AuditScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="31"/>
        <source>Audit log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="48"/>
        <location filename="../../kiosk/ui/screens/audit.py" line="57"/>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="46"/>
        <location filename="../../kiosk/ui/screens/audit.py" line="57"/>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="57"/>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="57"/>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="76"/>
        <source>Signed in</source>
        <translation>Angemeldet</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="77"/>
        <source>Locked out after wrong PINs</source>
        <translation>Nach falschen PINs gesperrt</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="78"/>
        <source>Staff member added</source>
        <translation>Mitarbeiter hinzugefügt</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="79"/>
        <source>Staff member changed</source>
        <translation>Mitarbeiter geändert</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="80"/>
        <source>Customer enrolled</source>
        <translation>Kunde angemeldet</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="83"/>
        <source>Balance adjusted</source>
        <translation>Stand korrigiert</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="84"/>
        <source>New QR code made</source>
        <translation>Neuer QR-Code erstellt</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="85"/>
        <source>Offer created</source>
        <translation>Angebot erstellt</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="86"/>
        <source>Offer changed</source>
        <translation>Angebot geändert</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="87"/>
        <source>Offer paused, resumed or archived</source>
        <translation>Angebot pausiert, fortgesetzt oder archiviert</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="88"/>
        <source>Shop set up</source>
        <translation>Geschäft eingerichtet</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="90"/>
        <source>Kiosk paired with the cloud</source>
        <translation>Kiosk mit der Cloud gekoppelt</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="91"/>
        <source>Kiosk unpaired from the cloud</source>
        <translation>Kiosk von der Cloud getrennt</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="94"/>
        <source>customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="95"/>
        <source>card</source>
        <translation>Karte</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="96"/>
        <source>change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="97"/>
        <source>reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="98"/>
        <source>offer</source>
        <translation>Angebot</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="99"/>
        <source>status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="100"/>
        <source>staff member</source>
        <translation>Mitarbeiter</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="101"/>
        <source>role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="102"/>
        <source>new PIN</source>
        <translation>neue PIN</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="103"/>
        <location filename="../../kiosk/ui/screens/audit.py" line="129"/>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="104"/>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="108"/>
        <source>location</source>
        <translation>Standort</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="111"/>
        <source>marketing consent</source>
        <translation>Werbeeinwilligung</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="112"/>
        <source>cloud</source>
        <translation>Cloud</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="113"/>
        <source>from</source>
        <translation>über</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="114"/>
        <source>local data discarded</source>
        <translation>lokale Daten verworfen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="115"/>
        <source>what was discarded</source>
        <translation>was verworfen wurde</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="116"/>
        <source>events kept to sync later</source>
        <translation>zum späteren Abgleich behaltene Ereignisse</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="124"/>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="124"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="126"/>
        <source>cashier</source>
        <translation>Kasse</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="127"/>
        <source>manager</source>
        <translation>Filialleitung</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="128"/>
        <source>owner</source>
        <translation>Inhaber</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="130"/>
        <source>paused</source>
        <translation>pausiert</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="131"/>
        <source>archived</source>
        <translation>archiviert</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="132"/>
        <source>the Sync screen</source>
        <translation>die Sync-Seite</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="133"/>
        <source>the command line</source>
        <translation>die Kommandozeile</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/audit.py" line="203"/>
        <source>%n entries</source>
        <translation>
            <numerusform>%n Eintrag</numerusform>
            <numerusform>%n Einträge</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="33"/>
        <source>Everyone</source>
        <translation>Alle</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="37"/>
        <source>Any time</source>
        <translation>Jederzeit</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="38"/>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="39"/>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="40"/>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="50"/>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="81"/>
        <source>Customer&apos;s contact details changed</source>
        <translation>Kontaktdaten eines Kunden geändert</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="82"/>
        <source>Country for phone numbers set</source>
        <translation>Land für Telefonnummern festgelegt</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="105"/>
        <source>email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="106"/>
        <source>phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="107"/>
        <source>country</source>
        <translation>Land</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="118"/>
        <source>Every action</source>
        <translation>Alle Aktionen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="89"/>
        <source>Time zone and currency set</source>
        <translation>Zeitzone und Währung festgelegt</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="109"/>
        <source>time zone</source>
        <translation>Zeitzone</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/audit.py" line="110"/>
        <source>currency</source>
        <translation>Währung</translation>
    </message>
</context>
<context>
    <name>BareScanChoice</name>
    <message>
        <location filename="../../kiosk/ui/screens/bare_scan.py" line="53"/>
        <source>A scan without a tap stamps</source>
        <translation>Ein Scan ohne Tippen stempelt</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/bare_scan.py" line="74"/>
        <source>the scanned card&apos;s own offer</source>
        <translation>das Angebot der gescannten Karte</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/bare_scan.py" line="96"/>
        <source>A scan stamps the scanned card&apos;s own offer.</source>
        <translation>Ein Scan stempelt das Angebot der gescannten Karte.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/bare_scan.py" line="98"/>
        <source>A scan stamps %1 now.</source>
        <translation>Ein Scan stempelt jetzt %1.</translation>
    </message>
</context>
<context>
    <name>Camera</name>
    <message>
        <location filename="../../kiosk/ui/camera_worker.py" line="36"/>
        <source>no camera is connected</source>
        <translation>keine Kamera angeschlossen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/camera_worker.py" line="37"/>
        <source>the camera will not open: is another program using it?</source>
        <translation>die Kamera lässt sich nicht öffnen: benutzt ein anderes Programm sie?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/camera_worker.py" line="38"/>
        <source>the camera stopped delivering pictures</source>
        <translation>die Kamera liefert keine Bilder mehr</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/camera_worker.py" line="39"/>
        <source>the video file cannot be read</source>
        <translation>die Videodatei ist nicht lesbar</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/camera_worker.py" line="40"/>
        <source>end of video</source>
        <translation>Ende des Videos</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/camera_worker.py" line="41"/>
        <source>the camera setting is not valid</source>
        <translation>die Kamera-Einstellung ist ungültig</translation>
    </message>
</context>
<context>
    <name>CameraView</name>
    <message>
        <location filename="../../kiosk/ui/screens/scan.py" line="51"/>
        <source>No camera: use the hand scanner or type the card number.</source>
        <translation>Keine Kamera: Handscanner benutzen oder Kartennummer eintippen.</translation>
    </message>
</context>
<context>
    <name>CardCodeDialog</name>
    <message>
        <location filename="../../kiosk/ui/screens/card_code_dialog.py" line="26"/>
        <source>New QR code</source>
        <translation>Neuer QR-Code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/card_code_dialog.py" line="31"/>
        <source>New QR code for %1</source>
        <translation>Neuer QR-Code für %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/card_code_dialog.py" line="36"/>
        <source>Same card, same stamps. This code works at every kiosk of the shop, also when the card&apos;s first code came from a kiosk that has since been taken out of service.</source>
        <translation>Dieselbe Karte, dieselben Stempel. Dieser Code gilt an jedem Kiosk des Geschäfts, auch wenn der erste Code der Karte von einem Kiosk stammt, der inzwischen außer Betrieb genommen wurde.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/card_code_dialog.py" line="48"/>
        <source>%1 · card number %2</source>
        <translation>%1 · Kartennummer %2</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/card_code_dialog.py" line="55"/>
        <source>Print…</source>
        <translation>Drucken…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/card_code_dialog.py" line="57"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>CardLine</name>
    <message>
        <location filename="../../kiosk/ui/screens/lookup.py" line="20"/>
        <source>%1 — %2: %3 of %4 · card %5</source>
        <translation>%1 — %2: %3 von %4 · Karte %5</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/lookup.py" line="33"/>
        <source>%1 · phone …%2</source>
        <translation>%1 · Telefon …%2</translation>
    </message>
</context>
<context>
    <name>CardRow</name>
    <message>
        <location filename="../../kiosk/ui/widgets/result_panel.py" line="47"/>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/widgets/result_panel.py" line="58"/>
        <source>%n point(s)</source>
        <translation>
            <numerusform>%n Punkt</numerusform>
            <numerusform>%n Punkte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/widgets/result_panel.py" line="70"/>
        <source>%n reward(s) ready: %1</source>
        <translation>
            <numerusform>%n Prämie bereit: %1</numerusform>
            <numerusform>%n Prämien bereit: %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/result_panel.py" line="73"/>
        <source>Redeem</source>
        <translation>Einlösen</translation>
    </message>
</context>
<context>
    <name>ConfirmBar</name>
    <message>
        <location filename="../../kiosk/ui/widgets/confirm.py" line="22"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>ConflictsTable</name>
    <message>
        <location filename="../../kiosk/ui/screens/sync_lists.py" line="42"/>
        <source>Card</source>
        <translation>Karte</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_lists.py" line="42"/>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_lists.py" line="42"/>
        <source>Where</source>
        <translation>Wo</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_lists.py" line="42"/>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_lists.py" line="78"/>
        <source>Card %1</source>
        <translation>Karte %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_lists.py" line="82"/>
        <source>One reward redeemed twice · card flagged</source>
        <translation>Eine Prämie zweimal eingelöst · Karte markiert</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_lists.py" line="84"/>
        <source>One reward redeemed twice</source>
        <translation>Eine Prämie zweimal eingelöst</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_lists.py" line="89"/>
        <source>unknown staff</source>
        <translation>unbekannte Person</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_lists.py" line="94"/>
        <source>location %1</source>
        <translation>Standort %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_lists.py" line="96"/>
        <source>unknown location</source>
        <translation>unbekannter Standort</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_lists.py" line="99"/>
        <source>%1, this kiosk</source>
        <translation>%1, dieser Kiosk</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_lists.py" line="101"/>
        <source>%1, kiosk “%2”</source>
        <translation>%1, Kiosk „%2“</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_lists.py" line="103"/>
        <source>%1, kiosk %2</source>
        <translation>%1, Kiosk %2</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_lists.py" line="104"/>
        <source>%1, the dashboard</source>
        <translation>%1, im Dashboard</translation>
    </message>
</context>
<context>
    <name>ContactEditor</name>
    <message>
        <location filename="../../kiosk/ui/screens/customer_contact.py" line="27"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/customer_contact.py" line="27"/>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/customer_contact.py" line="27"/>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/customer_contact.py" line="38"/>
        <source>Save contact details</source>
        <translation>Kontaktdaten speichern</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/customer_contact.py" line="39"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/customer_contact.py" line="80"/>
        <source>Another customer already has this email.</source>
        <translation>Ein anderer Kunde hat diese E-Mail-Adresse schon.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/customer_contact.py" line="81"/>
        <source>Another customer already has this phone number.</source>
        <translation>Ein anderer Kunde hat diese Telefonnummer schon.</translation>
    </message>
</context>
<context>
    <name>CustomersScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/customers.py" line="50"/>
        <source>Customers</source>
        <translation>Kunden</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/customers.py" line="52"/>
        <source>Phone, email, name or card number</source>
        <translation>Telefon, E-Mail, Name oder Kartennummer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/customers.py" line="52"/>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/customers.py" line="74"/>
        <source>New QR code…</source>
        <translation>Neuer QR-Code…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/customers.py" line="86"/>
        <source> stamps</source>
        <translation> Stempel</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/customers.py" line="90"/>
        <source>Adjust</source>
        <translation>Korrigieren</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/customers.py" line="268"/>
        <source>%1 · %2: %n stamp(s) now, %3 rewards redeemed</source>
        <translation>
            <numerusform>%1 · %2: jetzt %n Stempel, %3 Prämien eingelöst</numerusform>
            <numerusform>%1 · %2: jetzt %n Stempel, %3 Prämien eingelöst</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/customers.py" line="278"/>
        <location filename="../../kiosk/ui/screens/customers.py" line="303"/>
        <source>Choose a card first.</source>
        <translation>Zuerst eine Karte wählen.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/customers.py" line="288"/>
        <source>Adjusted: %n stamp(s) now.</source>
        <translation>
            <numerusform>Korrigiert: jetzt %n Stempel.</numerusform>
            <numerusform>Korrigiert: jetzt %n Stempel.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/customers.py" line="316"/>
        <source>New QR code made for card %1.</source>
        <translation>Neuer QR-Code für Karte %1 erstellt.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/customers.py" line="327"/>
        <source>Search so that both sign-ups are listed, then choose the member to keep.</source>
        <translation>Suchen Sie so, dass beide Anmeldungen aufgelistet sind, und wählen Sie dann das Mitglied, das bleiben soll.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/customers.py" line="331"/>
        <source>Merging…</source>
        <translation>Wird zusammengeführt…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/customers.py" line="358"/>
        <source>Merged: %1 is now part of %2 (%n card(s) moved).</source>
        <translation>
            <numerusform>Zusammengeführt: %1 gehört jetzt zu %2 (%n Karte übertragen).</numerusform>
            <numerusform>Zusammengeführt: %1 gehört jetzt zu %2 (%n Karten übertragen).</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/customers.py" line="368"/>
        <source>Erasing…</source>
        <translation>Wird gelöscht…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/customers.py" line="379"/>
        <source>Erased: the customer&apos;s name, email and phone are gone, and their cards are revoked.</source>
        <translation>Gelöscht: Name, E-Mail und Telefon des Kunden sind entfernt, seine Karten gesperrt.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/customers.py" line="88"/>
        <source>Reason (required)</source>
        <translation>Grund (Pflicht)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/customers.py" line="89"/>
        <source>Say why, e.g. a stamp forgotten yesterday</source>
        <translation>Warum? Z. B. gestern einen Stempel vergessen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/customers.py" line="62"/>
        <source>Edit contact…</source>
        <translation>Kontakt bearbeiten…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/customers.py" line="146"/>
        <source>phone …%1</source>
        <translation>Telefon …%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/customers.py" line="149"/>
        <source>%n card(s)</source>
        <translation>
            <numerusform>%n Karte</numerusform>
            <numerusform>%n Karten</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/customers.py" line="159"/>
        <source>%1: %2 of %3 · card %4</source>
        <translation>%1: %2 von %3 · Karte %4</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/customers.py" line="185"/>
        <source>%n customer(s) found</source>
        <translation>
            <numerusform>%n Kunde gefunden</numerusform>
            <numerusform>%n Kunden gefunden</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/customers.py" line="237"/>
        <source>Saved: %1</source>
        <translation>Gespeichert: %1</translation>
    </message>
</context>
<context>
    <name>DataSection</name>
    <message>
        <location filename="../../kiosk/ui/screens/settings_data.py" line="26"/>
        <source>Export the shop&apos;s data</source>
        <translation>Daten des Geschäfts exportieren</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/settings_data.py" line="31"/>
        <source>Customers, cards and every stamp and reward, as three spreadsheet files (CSV) in a new folder. They hold personal data: keep them safe.</source>
        <translation>Kunden, Karten und jeder Stempel und jede Prämie, als drei Tabellendateien (CSV) in einem neuen Ordner. Sie enthalten personenbezogene Daten: sicher aufbewahren.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/settings_data.py" line="39"/>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/settings_data.py" line="41"/>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/settings_data.py" line="49"/>
        <source>Erasing a customer</source>
        <translation>Einen Kunden löschen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/settings_data.py" line="54"/>
        <source>When a customer asks for their data to be erased, find them under Customers and choose Erase customer. Their stamps and history stay, without their name.</source>
        <translation>Wenn ein Kunde die Löschung seiner Daten verlangt, suchen Sie ihn unter „Kunden“ und wählen Sie „Kunden löschen“. Seine Stempel und sein Verlauf bleiben, ohne Namen.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/settings_data.py" line="63"/>
        <source>Export into</source>
        <translation>Exportieren nach</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/settings_data.py" line="71"/>
        <source>Exporting…</source>
        <translation>Wird exportiert…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/settings_data.py" line="86"/>
        <source>Exported %1 customers, %2 cards and %3 events to %4</source>
        <translation>%1 Kunden, %2 Karten und %3 Ereignisse exportiert nach %4</translation>
    </message>
</context>
<context>
    <name>EnrollScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/enroll.py" line="55"/>
        <source>New customer</source>
        <translation>Neuer Kunde</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/enroll.py" line="64"/>
        <source>First and last name</source>
        <translation>Vor- und Nachname</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/enroll.py" line="66"/>
        <location filename="../../kiosk/ui/screens/enroll.py" line="68"/>
        <source>optional</source>
        <translation>freiwillig</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/enroll.py" line="73"/>
        <source>optional: scan her code</source>
        <translation>Code scannen (freiw.)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/enroll.py" line="74"/>
        <source>Wants offers by email or text message</source>
        <translation>Möchte Angebote per E-Mail oder SMS</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/enroll.py" line="88"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/enroll.py" line="89"/>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/enroll.py" line="90"/>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/enroll.py" line="91"/>
        <source>Referred by</source>
        <translation>Empfohlen von</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/enroll.py" line="94"/>
        <source>Create the card</source>
        <translation>Karte anlegen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/enroll.py" line="118"/>
        <source>Join on your phone</source>
        <translation>Beitritt per Handy</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/enroll.py" line="131"/>
        <source>The new card&apos;s QR code appears here.</source>
        <translation>Hier erscheint der QR-Code der neuen Karte.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/enroll.py" line="143"/>
        <source>Print…</source>
        <translation>Drucken…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/enroll.py" line="220"/>
        <source>Creating the card…</source>
        <translation>Karte wird angelegt…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/enroll.py" line="244"/>
        <source>Welcome, %1! Scan or print the card.</source>
        <translation>Willkommen, %1! Karte scannen oder drucken.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/enroll.py" line="249"/>
        <source>%1
No referral bonus: %2</source>
        <translation>%1
Kein Empfehlungsbonus: %2</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/enroll.py" line="252"/>
        <source>%1
Referred by %2: both get the referral bonus at %3&apos;s first visit.</source>
        <translation>%1
Empfohlen von %2: Beide erhalten den Empfehlungsbonus beim ersten Besuch von %3.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/enroll.py" line="274"/>
        <source>%1 is in %2 now; %1&apos;s code stays the same.</source>
        <translation>%1 ist jetzt bei %2 dabei; der Code von %1 bleibt derselbe.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/enroll.py" line="276"/>
        <source>%1 is in every running offer already; %1&apos;s code stays the same.</source>
        <translation>%1 ist schon bei jedem laufenden Angebot dabei; der Code von %1 bleibt derselbe.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/enroll.py" line="324"/>
        <source>%1 is already a member.</source>
        <translation>%1 ist bereits Mitglied.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/enroll.py" line="365"/>
        <source>%1 · card number %2</source>
        <translation>%1 · Kartennummer %2</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/enroll.py" line="100"/>
        <source>Stamp this visit</source>
        <translation>Besuch stempeln</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/enroll.py" line="287"/>
        <source>Add to the offers</source>
        <translation>Zu den Angeboten hinzufügen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/enroll.py" line="328"/>
        <source>Please correct the fields marked below.</source>
        <translation>Bitte die markierten Felder korrigieren.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/enroll.py" line="347"/>
        <source>Another customer already has this email.</source>
        <translation>Ein anderer Kunde hat diese E-Mail-Adresse schon.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/enroll.py" line="348"/>
        <source>Another customer already has this phone number.</source>
        <translation>Ein anderer Kunde hat diese Telefonnummer schon.</translation>
    </message>
</context>
<context>
    <name>EraseBar</name>
    <message>
        <location filename="../../kiosk/ui/screens/customer_erase.py" line="21"/>
        <source>Erase customer…</source>
        <translation>Kunden löschen…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/customer_erase.py" line="28"/>
        <source>Yes, erase</source>
        <translation>Ja, löschen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/customer_erase.py" line="29"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/customer_erase.py" line="52"/>
        <source>Erase %1&apos;s name, email and phone, and revoke their cards? Their stamps and history stay, without a name. This cannot be undone.</source>
        <translation>Name, E-Mail und Telefon von %1 löschen und die Karten sperren? Stempel und Verlauf bleiben, ohne Namen. Das lässt sich nicht rückgängig machen.</translation>
    </message>
</context>
<context>
    <name>FirstRunScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/first_run.py" line="56"/>
        <source>Welcome! Set up your shop</source>
        <translation>Willkommen! Richten Sie Ihr Geschäft ein</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/first_run.py" line="68"/>
        <source>Coffee card</source>
        <translation>Kaffeekarte</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/first_run.py" line="72"/>
        <source>a free coffee</source>
        <translation>ein Kaffee gratis</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/first_run.py" line="78"/>
        <source>Your shop</source>
        <translation>Ihr Geschäft</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/first_run.py" line="80"/>
        <source>Shop name</source>
        <translation>Name des Geschäfts</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/first_run.py" line="81"/>
        <source>This counter&apos;s location (optional)</source>
        <translation>Standort dieser Kasse (optional)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/first_run.py" line="82"/>
        <source>Time zone (type to search)</source>
        <translation>Zeitzone (zum Suchen tippen)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/first_run.py" line="83"/>
        <source>Currency (type to search)</source>
        <translation>Währung (zum Suchen tippen)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/first_run.py" line="87"/>
        <source>The owner</source>
        <translation>Inhaber</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/first_run.py" line="89"/>
        <source>Owner&apos;s name</source>
        <translation>Name des Inhabers</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/first_run.py" line="90"/>
        <source>Choose a PIN (4 to 8 digits)</source>
        <translation>PIN wählen (4 bis 8 Ziffern)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/first_run.py" line="91"/>
        <source>The same PIN again</source>
        <translation>Dieselbe PIN noch einmal</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/first_run.py" line="95"/>
        <source>Your first offer (you can change it later)</source>
        <translation>Ihr erstes Angebot (später änderbar)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/first_run.py" line="97"/>
        <source>Offer name</source>
        <translation>Name des Angebots</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/first_run.py" line="98"/>
        <source>Stamps needed for the reward</source>
        <translation>Stempel bis zur Prämie</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/first_run.py" line="99"/>
        <source>Reward</source>
        <translation>Prämie</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/first_run.py" line="117"/>
        <source>Set up the shop</source>
        <translation>Geschäft einrichten</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/first_run.py" line="153"/>
        <source>en</source>
        <comment>the language code of this translation</comment>
        <translation>de</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/first_run.py" line="195"/>
        <source>Setting up the shop…</source>
        <translation>Das Geschäft wird eingerichtet …</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/first_run.py" line="221"/>
        <source>Please correct the marked fields.</source>
        <translation>Bitte korrigieren Sie die markierten Felder.</translation>
    </message>
</context>
<context>
    <name>HappyHour</name>
    <message>
        <location filename="../../loyalty_rules/happy_hours.py" line="76"/>
        <source>Give the happy hour a name.</source>
        <translation>Geben Sie der Happy Hour einen Namen.</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/happy_hours.py" line="77"/>
        <source>Add at least one day and time.</source>
        <translation>Fügen Sie mindestens einen Tag mit Uhrzeit hinzu.</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/happy_hours.py" line="78"/>
        <source>At most 14 times a week.</source>
        <translation>Höchstens 14 Zeiten pro Woche.</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/happy_hours.py" line="79"/>
        <source>A time window must not start and end at the same time.</source>
        <translation>Ein Zeitfenster darf nicht zur selben Uhrzeit beginnen und enden.</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/happy_hours.py" line="80"/>
        <source>Two of the times overlap.</source>
        <translation>Zwei der Zeiten überschneiden sich.</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/happy_hours.py" line="81"/>
        <source>The multiplier must be 2 to 5.</source>
        <translation>Der Faktor muss zwischen 2 und 5 liegen.</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/happy_hours.py" line="82"/>
        <source>The bonus must be 1 to 10 per visit.</source>
        <translation>Der Bonus muss 1 bis 10 pro Besuch betragen.</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/happy_hours.py" line="83"/>
        <source>Choose at least one offer it applies to.</source>
        <translation>Wählen Sie mindestens ein Angebot, für das sie gilt.</translation>
    </message>
</context>
<context>
    <name>HappyHourBanner</name>
    <message>
        <location filename="../../kiosk/ui/widgets/happy_hour_banner.py" line="55"/>
        <source>Happy hour: %1 on %2 until %3</source>
        <translation>Happy Hour: %1 auf %2 bis %3</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/widgets/happy_hour_banner.py" line="61"/>
        <source>%n bonus point(s) a visit</source>
        <translation>
            <numerusform>%n Bonuspunkt pro Besuch</numerusform>
            <numerusform>%n Bonuspunkte pro Besuch</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/widgets/happy_hour_banner.py" line="62"/>
        <source>%n bonus stamp(s) a visit</source>
        <translation>
            <numerusform>%n Bonusstempel pro Besuch</numerusform>
            <numerusform>%n Bonusstempel pro Besuch</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/happy_hour_banner.py" line="64"/>
        <source>double points</source>
        <translation>doppelte Punkte</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/happy_hour_banner.py" line="64"/>
        <source>double stamps</source>
        <translation>doppelte Stempel</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/happy_hour_banner.py" line="66"/>
        <source>triple points</source>
        <translation>dreifache Punkte</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/happy_hour_banner.py" line="66"/>
        <source>triple stamps</source>
        <translation>dreifache Stempel</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/happy_hour_banner.py" line="67"/>
        <source>%1× points</source>
        <translation>%1-fache Punkte</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/happy_hour_banner.py" line="67"/>
        <source>%1× stamps</source>
        <translation>%1-fache Stempel</translation>
    </message>
</context>
<context>
    <name>HappyHoursDialog</name>
    <message>
        <location filename="../../kiosk/ui/screens/happy_hours_dialog.py" line="95"/>
        <source>Happy hours</source>
        <translation>Happy Hours</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/happy_hours_dialog.py" line="105"/>
        <source>New happy hour</source>
        <translation>Neue Happy Hour</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/happy_hours_dialog.py" line="117"/>
        <source>Add a day and time</source>
        <translation>Tag und Uhrzeit hinzufügen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/happy_hours_dialog.py" line="123"/>
        <source>Multiply what a visit earns</source>
        <translation>Was ein Besuch bringt, vervielfachen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/happy_hours_dialog.py" line="124"/>
        <source>Bonus stamps or points a visit</source>
        <translation>Bonus-Stempel oder -Punkte pro Besuch</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/happy_hours_dialog.py" line="132"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/happy_hours_dialog.py" line="133"/>
        <source>Days and times (the shop&apos;s clock)</source>
        <translation>Tage und Uhrzeiten (Uhr des Geschäfts)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/happy_hours_dialog.py" line="134"/>
        <source>Boost</source>
        <translation>Art des Vorteils</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/happy_hours_dialog.py" line="135"/>
        <source>Multiplier or bonus</source>
        <translation>Faktor oder Bonus</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/happy_hours_dialog.py" line="136"/>
        <source>Offers it applies to</source>
        <translation>Gilt für diese Angebote</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/happy_hours_dialog.py" line="152"/>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/happy_hours_dialog.py" line="153"/>
        <source>End this happy hour</source>
        <translation>Diese Happy Hour beenden</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/happy_hours_dialog.py" line="154"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/happy_hours_dialog.py" line="179"/>
        <source>%1 (ended)</source>
        <translation>%1 (beendet)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/happy_hours_dialog.py" line="277"/>
        <source>Saved: %1</source>
        <translation>Gespeichert: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/happy_hours_dialog.py" line="277"/>
        <source>Ended: %1</source>
        <translation>Beendet: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/happy_hours_dialog.py" line="288"/>
        <location filename="../../kiosk/ui/screens/happy_hours_dialog.py" line="295"/>
        <source>Please correct the marked fields.</source>
        <translation>Bitte korrigieren Sie die markierten Felder.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/happy_hours_dialog.py" line="294"/>
        <source>That offer no longer exists.</source>
        <translation>Dieses Angebot gibt es nicht mehr.</translation>
    </message>
</context>
<context>
    <name>HistoryTable</name>
    <message>
        <location filename="../../kiosk/ui/screens/customer_history.py" line="20"/>
        <source>Enrolled</source>
        <translation>Angemeldet</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/customer_history.py" line="21"/>
        <source>Stamped</source>
        <translation>Gestempelt</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/customer_history.py" line="22"/>
        <source>Reward redeemed</source>
        <translation>Prämie eingelöst</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/customer_history.py" line="23"/>
        <source>Adjusted</source>
        <translation>Korrigiert</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/customer_history.py" line="24"/>
        <source>Undone</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/customer_history.py" line="25"/>
        <source>Referral</source>
        <translation>Empfehlung</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/customer_history.py" line="26"/>
        <source>Members merged</source>
        <translation>Mitglieder zusammengeführt</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/customer_history.py" line="27"/>
        <source>Tier changed</source>
        <translation>Stufe geändert</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/customer_history.py" line="31"/>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/customer_history.py" line="32"/>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/customer_history.py" line="33"/>
        <source>Card</source>
        <translation>Karte</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/customer_history.py" line="34"/>
        <source>Stamps</source>
        <translation>Stempel</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/customer_history.py" line="35"/>
        <source>Who / where</source>
        <translation>Wer / wo</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/customer_history.py" line="36"/>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/customer_history.py" line="54"/>
        <location filename="../../kiosk/ui/screens/customer_history.py" line="88"/>
        <location filename="../../kiosk/ui/screens/customer_history.py" line="89"/>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/customer_history.py" line="54"/>
        <source>automatic</source>
        <translation>automatisch</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/customer_history.py" line="60"/>
        <source>Points expired (no visit)</source>
        <translation>Punkte verfallen (kein Besuch)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/customer_history.py" line="61"/>
        <source>%1 · card %2</source>
        <translation>%1 · Karte %2</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/customer_history.py" line="64"/>
        <source>%1 at %2</source>
        <translation>%1 in %2</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/customer_history.py" line="79"/>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/customer_history.py" line="87"/>
        <source>%1 merged into %2</source>
        <translation>%1 mit %2 zusammengeführt</translation>
    </message>
</context>
<context>
    <name>JoinOnPhonePanel</name>
    <message>
        <location filename="../../kiosk/ui/screens/enroll_join.py" line="31"/>
        <source>Join on your phone</source>
        <translation>Beitritt per Handy</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/enroll_join.py" line="36"/>
        <source>Scan this with your phone&apos;s camera and join. Then show your new code here for your first stamp.</source>
        <translation>Scannen Sie diesen Code mit der Handykamera und treten Sie bei. Zeigen Sie dann hier Ihren neuen Code für Ihren ersten Stempel.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/enroll_join.py" line="52"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/enroll_join.py" line="81"/>
        <source>This kiosk works on its own, without a cloud, so there is no join page to show. An owner can pair it on the Sync screen.</source>
        <translation>Dieser Kiosk arbeitet allein, ohne Cloud, deshalb gibt es keine Beitrittsseite zum Anzeigen. Die Inhaberin oder der Inhaber kann ihn in der Ansicht „Abgleich“ koppeln.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/enroll_join.py" line="85"/>
        <source>This till has not fetched its join page from the cloud yet. It does so at its next sync; try again once the kiosk is online.</source>
        <translation>Diese Kasse hat ihre Beitrittsseite noch nicht von der Cloud geholt. Das geschieht beim nächsten Abgleich; versuchen Sie es erneut, sobald der Kiosk online ist.</translation>
    </message>
</context>
<context>
    <name>KioskStatusBar</name>
    <message>
        <location filename="../../kiosk/ui/widgets/status_bar.py" line="29"/>
        <source>Signed in: %1</source>
        <translation>Angemeldet: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/status_bar.py" line="29"/>
        <source>Nobody signed in</source>
        <translation>Niemand angemeldet</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/status_bar.py" line="36"/>
        <source>Sync stopped: the owner must pair this kiosk again</source>
        <translation>Abgleich gestoppt: Der Inhaber muss diesen Kiosk neu koppeln</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/status_bar.py" line="38"/>
        <source>Standalone (no cloud)</source>
        <translation>Eigenständig (ohne Cloud)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/status_bar.py" line="40"/>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/widgets/status_bar.py" line="32"/>
        <source>%n event(s) waiting to sync</source>
        <translation>
            <numerusform>%n Ereignis wartet auf Abgleich</numerusform>
            <numerusform>%n Ereignisse warten auf Abgleich</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/widgets/status_bar.py" line="42"/>
        <source>Offline — %n event(s) waiting</source>
        <translation>
            <numerusform>Offline — %n Ereignis wartet</numerusform>
            <numerusform>Offline — %n Ereignisse warten</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/status_bar.py" line="54"/>
        <source>Last sync %1</source>
        <translation>Zuletzt abgeglichen %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/status_bar.py" line="56"/>
        <source>Never synced</source>
        <translation>Noch nie abgeglichen</translation>
    </message>
</context>
<context>
    <name>LookupScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/lookup.py" line="45"/>
        <source>Find a customer</source>
        <translation>Kunden finden</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/lookup.py" line="48"/>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/lookup.py" line="58"/>
        <source>Stamp this card at the counter</source>
        <translation>Diese Karte an der Kasse stempeln</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/lookup.py" line="100"/>
        <source>%n card(s) found</source>
        <translation>
            <numerusform>%n Karte gefunden</numerusform>
            <numerusform>%n Karten gefunden</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/lookup.py" line="47"/>
        <source>Name, phone (or its last 4 digits), email or card number</source>
        <translation>Name, Telefon (oder die letzten 4 Ziffern), E-Mail oder Kartennummer</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="54"/>
        <location filename="../../kiosk/ui/main_window.py" line="69"/>
        <source>Loyalty Kiosk</source>
        <translation>Treue-Kiosk</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="78"/>
        <source>Leave kiosk mode</source>
        <translation>Kioskmodus verlassen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="82"/>
        <source>Sign out</source>
        <translation>Abmelden</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="148"/>
        <source>%1 is for managers and owners only.</source>
        <translation>%1 ist nur für Filialleitung und Inhaber.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="183"/>
        <source>The shop is set up. Sign in with your new PIN.</source>
        <translation>Das Geschäft ist eingerichtet. Melden Sie sich mit Ihrer neuen PIN an.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="245"/>
        <source>Something went wrong (%1). The details are in the log; please try again.</source>
        <translation>Etwas ist schiefgelaufen (%1). Die Einzelheiten stehen im Protokoll; bitte erneut versuchen.</translation>
    </message>
</context>
<context>
    <name>MergeBar</name>
    <message>
        <location filename="../../kiosk/ui/screens/customer_merge.py" line="37"/>
        <source>Who is the same person?</source>
        <translation>Wer ist dieselbe Person?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/customer_merge.py" line="41"/>
        <source>Merge with…</source>
        <translation>Zusammenführen mit…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/customer_merge.py" line="82"/>
        <source>Yes, merge</source>
        <translation>Ja, zusammenführen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/customer_merge.py" line="90"/>
        <source>%1: %2 + %3 = %4 stamps</source>
        <translation>%1: %2 + %3 = %4 Stempel</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/customer_merge.py" line="95"/>
        <source>Merge %1 into %2? %1&apos;s cards and codes become %2&apos;s, and every code still scans. Both histories stay.</source>
        <translation>%1 mit %2 zusammenführen? Die Karten und Codes von %1 gehören dann %2, und jeder Code lässt sich weiter scannen. Beide Verläufe bleiben erhalten.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/customer_merge.py" line="103"/>
        <source>This cannot be undone.</source>
        <translation>Das kann nicht rückgängig gemacht werden.</translation>
    </message>
</context>
<context>
    <name>Nav</name>
    <message>
        <location filename="../../kiosk/ui/app.py" line="85"/>
        <source>New customer</source>
        <translation>Neuer Kunde</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/app.py" line="92"/>
        <source>Find customer</source>
        <translation>Kunde finden</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/app.py" line="96"/>
        <source>Offers</source>
        <translation>Angebote</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/app.py" line="104"/>
        <source>Customers</source>
        <translation>Kunden</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/app.py" line="112"/>
        <source>Reports</source>
        <translation>Berichte</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/app.py" line="120"/>
        <source>Analytics</source>
        <translation>Auswertungen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/app.py" line="129"/>
        <source>Staff</source>
        <translation>Personal</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/app.py" line="137"/>
        <source>Audit log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/app.py" line="145"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/app.py" line="181"/>
        <source>Scan</source>
        <translation>Scannen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/sync_wiring.py" line="60"/>
        <source>Sync</source>
        <translation>Abgleich</translation>
    </message>
</context>
<context>
    <name>OffersScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/offers.py" line="69"/>
        <source>Offers</source>
        <translation>Angebote</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers.py" line="78"/>
        <source>New offer</source>
        <translation>Neues Angebot</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers.py" line="81"/>
        <source>A/B test…</source>
        <translation>A/B-Test…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers.py" line="84"/>
        <source>Happy hours…</source>
        <translation>Happy Hours…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers.py" line="87"/>
        <source>Referrals…</source>
        <translation>Empfehlungen…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers.py" line="114"/>
        <location filename="../../kiosk/ui/screens/offers.py" line="115"/>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers.py" line="116"/>
        <source>Starts on</source>
        <translation>Beginnt am</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers.py" line="118"/>
        <source>Ends on</source>
        <translation>Endet am</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers.py" line="135"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers.py" line="138"/>
        <source>Reward</source>
        <translation>Prämie</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers.py" line="140"/>
        <source>Points per spend</source>
        <translation>Punkte pro Einkauf</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers.py" line="141"/>
        <source>Wait between scans</source>
        <translation>Wartezeit zwischen Scans</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers.py" line="142"/>
        <source>Undo possible for</source>
        <translation>Rückgängig möglich für</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers.py" line="145"/>
        <source>Colour</source>
        <translation>Farbe</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers.py" line="146"/>
        <source>Icon</source>
        <translation>Symbol</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers.py" line="167"/>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers.py" line="168"/>
        <location filename="../../kiosk/ui/screens/offers.py" line="273"/>
        <source>Pause</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers.py" line="169"/>
        <location filename="../../kiosk/ui/screens/offers.py" line="276"/>
        <source>Archive</source>
        <translation>Archivieren</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers.py" line="223"/>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers.py" line="224"/>
        <source>paused</source>
        <translation>pausiert</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers.py" line="225"/>
        <source>archived</source>
        <translation>archiviert</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers.py" line="230"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers.py" line="273"/>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers.py" line="327"/>
        <source>Offer name</source>
        <translation>Name des Angebots</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers.py" line="333"/>
        <source>%1 of %2 points</source>
        <translation>%1 von %2 Punkten</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers.py" line="397"/>
        <source>Saved: %1</source>
        <translation>Gespeichert: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers.py" line="404"/>
        <source>Not saved: fix the fields marked in red.</source>
        <translation>Nicht gespeichert: bitte die rot markierten Felder korrigieren.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers.py" line="276"/>
        <source>Restore</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers.py" line="136"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers.py" line="355"/>
        <source>Change the stamps needed from %1 to %2? Every card keeps its stamps, counted against %2 from now on: a card that already has %2 or more can redeem a reward at once. You can change the number back later.</source>
        <translation>Benötigte Stempel von %1 auf %2 ändern? Jede Karte behält ihre Stempel, ab jetzt gezählt gegen %2: Eine Karte, die schon %2 oder mehr hat, kann sofort eine Prämie einlösen. Die Zahl lässt sich später zurückändern.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers.py" line="362"/>
        <source>Yes, change</source>
        <translation>Ja, ändern</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers.py" line="384"/>
        <source>Archive %1? It stops taking stamps and leaves the counter; cards keep their stamps and rewards already earned can still be redeemed. Choose it and Restore to undo this.</source>
        <translation>%1 archivieren? Es nimmt keine Stempel mehr an und verschwindet von der Kasse; Karten behalten ihre Stempel, verdiente Prämien bleiben einlösbar. Zum Rückgängigmachen das Angebot wählen und „Wiederherstellen“.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers.py" line="389"/>
        <source>Yes, archive</source>
        <translation>Ja, archivieren</translation>
    </message>
</context>
<context>
    <name>OpenProgramRow</name>
    <message>
        <location filename="../../kiosk/ui/widgets/result_panel.py" line="107"/>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/widgets/result_panel.py" line="117"/>
        <source>%n point(s)</source>
        <translation>
            <numerusform>%n Punkt</numerusform>
            <numerusform>%n Punkte</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/result_panel.py" line="120"/>
        <source>Joins at the first stamp</source>
        <translation>Macht ab dem ersten Stempel mit</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/result_panel.py" line="120"/>
        <source>Joins at the first sale</source>
        <translation>Macht beim ersten Einkauf mit</translation>
    </message>
</context>
<context>
    <name>PairingPanel</name>
    <message>
        <location filename="../../kiosk/ui/screens/sync_pairing.py" line="43"/>
        <source>Pair this kiosk with your cloud: make a pairing code in the dashboard under Kiosks.</source>
        <translation>Diesen Kiosk mit Ihrer Cloud koppeln: Den Kopplungscode erstellen Sie im Dashboard unter „Kiosks“.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_pairing.py" line="52"/>
        <source>e.g. K7PD-3QXA</source>
        <translation>z. B. K7PD-3QXA</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_pairing.py" line="54"/>
        <source>Cloud address</source>
        <translation>Cloud-Adresse</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_pairing.py" line="55"/>
        <source>Pairing code</source>
        <translation>Kopplungscode</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_pairing.py" line="56"/>
        <source>This kiosk&apos;s name</source>
        <translation>Name dieses Kiosks</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_pairing.py" line="59"/>
        <source>Pair</source>
        <translation>Koppeln</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_pairing.py" line="60"/>
        <source>Discard local demo data and pair</source>
        <translation>Lokale Demodaten verwerfen und koppeln</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_pairing.py" line="61"/>
        <source>Keep the credential in a protected file</source>
        <translation>Zugangsdaten in geschützter Datei ablegen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_pairing.py" line="78"/>
        <source>Unpair…</source>
        <translation>Entkoppeln…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_pairing.py" line="88"/>
        <source>Unpair this kiosk? Its cloud credential is wiped and syncing stops. The ledger stays here with the events still waiting to sync (counted above); pairing again with the same business, with a new code, sends them.</source>
        <translation>Diesen Kiosk entkoppeln? Seine Cloud-Zugangsdaten werden gelöscht und der Abgleich endet. Alle Buchungen bleiben hier, auch die noch nicht abgeglichenen Ereignisse (oben gezählt); eine neue Kopplung mit demselben Unternehmen, mit einem neuen Code, sendet sie.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_pairing.py" line="94"/>
        <source>Yes, unpair</source>
        <translation>Ja, entkoppeln</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_pairing.py" line="95"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_pairing.py" line="134"/>
        <source>Unpairing wipes this kiosk&apos;s cloud credential and stops syncing; the ledger stays here.</source>
        <translation>Entkoppeln löscht die Cloud-Zugangsdaten dieses Kiosks und beendet den Abgleich; alle Buchungen bleiben hier.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_pairing.py" line="145"/>
        <source>Pairing…</source>
        <translation>Wird gekoppelt…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_pairing.py" line="161"/>
        <source>Enter the cloud address and the pairing code.</source>
        <translation>Cloud-Adresse und Kopplungscode eingeben.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_pairing.py" line="176"/>
        <source>Paired. The first sync is running; the counter stays open.</source>
        <translation>Gekoppelt. Der erste Abgleich läuft; an der Kasse geht die Arbeit weiter.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_pairing.py" line="187"/>
        <source>That cloud address is not valid: it must look like https://loyalty.example.com.</source>
        <translation>Diese Cloud-Adresse ist ungültig: Sie muss wie https://loyalty.example.com aussehen.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_pairing.py" line="189"/>
        <source>Only the owner can pair or unpair this kiosk.</source>
        <translation>Nur der Inhaber kann diesen Kiosk koppeln oder entkoppeln.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_pairing.py" line="190"/>
        <source>This kiosk is already paired. Unpair it first.</source>
        <translation>Dieser Kiosk ist schon gekoppelt. Zuerst entkoppeln.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_pairing.py" line="192"/>
        <source>This kiosk holds customers of its own (the demo shop?). Pairing replaces them with the cloud&apos;s customers. Discard them only if they are demo data.</source>
        <translation>Dieser Kiosk hat eigene Kunden (der Demo-Laden?). Die Kopplung ersetzt sie durch die Kunden aus der Cloud. Nur verwerfen, wenn es Demodaten sind.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_pairing.py" line="196"/>
        <source>This kiosk holds the customers and events of the business it was paired with before, and this pairing code is for another business (the code was not used). Pair with a code of the kiosk&apos;s own business to keep them, or discard them.</source>
        <translation>Dieser Kiosk enthält die Kunden und Ereignisse des Unternehmens, mit dem er zuvor gekoppelt war, und dieser Kopplungscode gehört zu einem anderen Unternehmen (der Code wurde nicht verbraucht). Mit einem Code des eigenen Unternehmens koppeln, um sie zu behalten, oder sie verwerfen.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_pairing.py" line="201"/>
        <source>This computer has no keyring to keep the kiosk&apos;s cloud credential in. Set one up and pair again, or keep the credential in a file only this user account can read.</source>
        <translation>Dieser Computer hat keinen Schlüsselbund für die Cloud-Zugangsdaten des Kiosks. Richten Sie einen ein und koppeln Sie erneut, oder legen Sie die Zugangsdaten in einer Datei ab, die nur dieses Benutzerkonto lesen kann.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_pairing.py" line="204"/>
        <source>The keyring refused to keep the kiosk&apos;s credential.</source>
        <translation>Der Schlüsselbund hat die Zugangsdaten des Kiosks nicht angenommen.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_pairing.py" line="206"/>
        <source>Cannot reach the cloud at %1. Check the address and the network.</source>
        <translation>Die Cloud unter %1 ist nicht erreichbar. Adresse und Netzwerk prüfen.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_pairing.py" line="209"/>
        <source>The cloud refused this pairing code: it is wrong, already used or expired. Make a new code in the dashboard.</source>
        <translation>Die Cloud hat diesen Kopplungscode abgelehnt: Er ist falsch, schon benutzt oder abgelaufen. Im Dashboard einen neuen Code erstellen.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_pairing.py" line="212"/>
        <source>%1 answered, but it is not a loyalty cloud.</source>
        <translation>%1 antwortet, ist aber keine Treue-Cloud.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_pairing.py" line="214"/>
        <source>The cloud refused the pairing.</source>
        <translation>Die Cloud hat die Kopplung abgelehnt.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_pairing.py" line="230"/>
        <source>Unpaired: the credential is wiped and syncing has stopped.</source>
        <translation>Entkoppelt: Die Zugangsdaten sind gelöscht, der Abgleich ist beendet.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_pairing.py" line="235"/>
        <source>Unpairing failed: %1</source>
        <translation>Entkoppeln fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>PaperChoice</name>
    <message>
        <location filename="../../kiosk/ui/widgets/paper.py" line="12"/>
        <source>A4 page</source>
        <translation>A4-Seite</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/paper.py" line="13"/>
        <source>Receipt 80 mm</source>
        <translation>Bon 80 mm</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/paper.py" line="14"/>
        <source>Receipt 58 mm</source>
        <translation>Bon 58 mm</translation>
    </message>
</context>
<context>
    <name>Plan</name>
    <message>
        <location filename="../../loyalty_rules/plans.py" line="50"/>
        <source>The business&apos;s plan allows no more running offers.</source>
        <translation>Der Tarif des Geschäfts erlaubt keine weiteren laufenden Angebote.</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/plans.py" line="51"/>
        <source>The business&apos;s plan allows no more members.</source>
        <translation>Der Tarif des Geschäfts erlaubt keine weiteren Mitglieder.</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/plans.py" line="52"/>
        <source>The business&apos;s plan allows no more locations.</source>
        <translation>Der Tarif des Geschäfts erlaubt keine weiteren Standorte.</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/plans.py" line="53"/>
        <source>The business&apos;s plan does not include API access.</source>
        <translation>Der Tarif des Geschäfts enthält keinen API-Zugang.</translation>
    </message>
</context>
<context>
    <name>PlusOneButton</name>
    <message>
        <location filename="../../kiosk/ui/widgets/result_panel.py" line="87"/>
        <source>+1</source>
        <translation>+1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/result_panel.py" line="90"/>
        <source>One stamp in %1</source>
        <translation>Ein Stempel bei %1</translation>
    </message>
</context>
<context>
    <name>PointsCounter</name>
    <message>
        <location filename="../../kiosk/ui/screens/scan_points.py" line="80"/>
        <source>%1: type the sale amount for %2</source>
        <translation>%1: Verkaufsbetrag für %2 eingeben</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/scan_points.py" line="116"/>
        <source>+%n point(s) (happy hour)</source>
        <translation>
            <numerusform>+%n Punkt (Happy Hour)</numerusform>
            <numerusform>+%n Punkte (Happy Hour)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/scan_points.py" line="118"/>
        <source>+%n point(s)</source>
        <translation>
            <numerusform>+%n Punkt</numerusform>
            <numerusform>+%n Punkte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/scan_points.py" line="119"/>
        <location filename="../../kiosk/ui/screens/scan_points.py" line="215"/>
        <source>Balance: %n point(s)</source>
        <translation>
            <numerusform>Stand: %n Punkt</numerusform>
            <numerusform>Stand: %n Punkte</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/scan_points.py" line="126"/>
        <source>+%1 referral bonus, referred by %2 (who gets +%3)</source>
        <translation>+%1 Empfehlungsbonus, empfohlen von %2 (erhält ebenfalls +%3)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/scan_points.py" line="137"/>
        <source>Undo %1&apos;s +%n point(s)</source>
        <translation>
            <numerusform>+%n Punkt für %1 zurücknehmen</numerusform>
            <numerusform>+%n Punkte für %1 zurücknehmen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/scan_points.py" line="183"/>
        <source>%1 is %2 now (was %3)</source>
        <translation>%1 ist jetzt %2 (war %3)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/scan_points.py" line="185"/>
        <source>%1 reached %2!</source>
        <translation>%1 hat %2 erreicht!</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/scan_points.py" line="214"/>
        <source>Reward given: %1 (−%n point(s))</source>
        <translation>
            <numerusform>Prämie ausgegeben: %1 (−%n Punkt)</numerusform>
            <numerusform>Prämie ausgegeben: %1 (−%n Punkte)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/scan_points.py" line="221"/>
        <source>Undo reward</source>
        <translation>Prämie zurücknehmen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/scan_points.py" line="231"/>
        <source>d MMM yyyy</source>
        <translation>d. MMM yyyy</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/scan_points.py" line="235"/>
        <source>%n point(s) expired on %1</source>
        <translation>
            <numerusform>%n Punkt am %1 verfallen</numerusform>
            <numerusform>%n Punkte am %1 verfallen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/scan_points.py" line="236"/>
        <source>(no visit for %n month(s))</source>
        <translation>
            <numerusform>(%n Monat ohne Besuch)</numerusform>
            <numerusform>(%n Monate ohne Besuch)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PointsFields</name>
    <message>
        <location filename="../../kiosk/ui/screens/offers_points.py" line="65"/>
        <source>Down (12.99 earns 12)</source>
        <translation>Abrunden (12,99 ergibt 12)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers_points.py" line="66"/>
        <source>Half up (12.50 earns 13)</source>
        <translation>Kaufmännisch (12,50 ergibt 13)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers_points.py" line="67"/>
        <source>Up (12.01 earns 13)</source>
        <translation>Aufrunden (12,01 ergibt 13)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers_points.py" line="73"/>
        <source>Reward</source>
        <translation>Prämie</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers_points.py" line="73"/>
        <source>Cost in points</source>
        <translation>Kosten in Punkten</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers_points.py" line="73"/>
        <source>From tier</source>
        <translation>Ab Stufe</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers_points.py" line="83"/>
        <source>Add a reward</source>
        <translation>Prämie hinzufügen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers_points.py" line="84"/>
        <source>Remove the chosen reward</source>
        <translation>Gewählte Prämie entfernen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers_points.py" line="90"/>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers_points.py" line="111"/>
        <source>Rounding of a part of a point</source>
        <translation>Rundung eines angefangenen Punkts</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers_points.py" line="106"/>
        <source>Points expire after this many months without a visit (empty: never)</source>
        <translation>Punkte verfallen nach so vielen Monaten ohne Besuch (leer: nie)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers_points.py" line="118"/>
        <source>Rewards to choose from</source>
        <translation>Prämien zur Auswahl</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers_points.py" line="150"/>
        <source>Points per 1 of the currency</source>
        <translation>Punkte pro 1 der Währung</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers_points.py" line="151"/>
        <source>Minimum spend (0: every sale earns)</source>
        <translation>Mindestumsatz (0: jeder Einkauf zählt)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers_points.py" line="248"/>
        <source>Row %1: %2</source>
        <translation>Zeile %1: %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/offers_points.py" line="261"/>
        <source>A sale of %1 earns %n point(s).</source>
        <translation>
            <numerusform>Ein Einkauf von %1 ergibt %n Punkt.</numerusform>
            <numerusform>Ein Einkauf von %1 ergibt %n Punkte.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/offers_points.py" line="265"/>
        <source>%1 ×%2: %n point(s)</source>
        <translation>
            <numerusform>%1 ×%2: %n Punkt</numerusform>
            <numerusform>%1 ×%2: %n Punkte</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers_points.py" line="272"/>
        <source>A sale of this size earns no points with these settings.</source>
        <translation>Ein Einkauf dieser Größe ergibt mit diesen Einstellungen keine Punkte.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers_points.py" line="282"/>
        <source>Points never expire.</source>
        <translation>Punkte verfallen nie.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers_points.py" line="284"/>
        <source>Points expire after a number of months without a visit.</source>
        <translation>Punkte verfallen nach einer Anzahl Monate ohne Besuch.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/offers_points.py" line="285"/>
        <source>Points not spent expire %n month(s) after her last visit.</source>
        <translation>
            <numerusform>Nicht eingelöste Punkte verfallen %n Monat nach ihrem letzten Besuch.</numerusform>
            <numerusform>Nicht eingelöste Punkte verfallen %n Monate nach ihrem letzten Besuch.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PointsSalePanel</name>
    <message>
        <location filename="../../kiosk/ui/widgets/points_sale.py" line="69"/>
        <source>The sale amount, then Enter</source>
        <translation>Den Verkaufsbetrag, dann Enter</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/points_sale.py" line="71"/>
        <source>Add points</source>
        <translation>Buchen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/points_sale.py" line="89"/>
        <source>Delete the last digit</source>
        <translation>Letzte Ziffer löschen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/points_sale.py" line="92"/>
        <source>Redeem</source>
        <translation>Einlösen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/points_sale.py" line="105"/>
        <source>Yes, give it</source>
        <translation>Ja, ausgeben</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/points_sale.py" line="107"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/points_sale.py" line="132"/>
        <source>e.g. %1</source>
        <translation>z. B. %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/widgets/points_sale.py" line="142"/>
        <source>%1 · %2: %n point(s)</source>
        <translation>
            <numerusform>%1 · %2: %n Punkt</numerusform>
            <numerusform>%1 · %2: %n Punkte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/widgets/points_sale.py" line="150"/>
        <source>%1 · %n point(s)</source>
        <translation>
            <numerusform>%1 · %n Punkt</numerusform>
            <numerusform>%1 · %n Punkte</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/points_sale.py" line="159"/>
        <source>She can redeem now:</source>
        <translation>Jetzt einlösbar:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/points_sale.py" line="159"/>
        <source>Not enough points for a reward yet</source>
        <translation>Noch nicht genug Punkte für eine Prämie</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/points_sale.py" line="172"/>
        <source>the top tier</source>
        <translation>die höchste Stufe</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/widgets/points_sale.py" line="174"/>
        <source>%n visit(s) to %1</source>
        <translation>
            <numerusform>%n Besuch bis %1</numerusform>
            <numerusform>%n Besuche bis %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/widgets/points_sale.py" line="176"/>
        <source>%n point(s) to %1</source>
        <translation>
            <numerusform>%n Punkt bis %1</numerusform>
            <numerusform>%n Punkte bis %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/points_sale.py" line="189"/>
        <source>%1 only</source>
        <translation>nur %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/points_sale.py" line="190"/>
        <source>%1 and above</source>
        <translation>ab %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/widgets/points_sale.py" line="244"/>
        <source>Give %1 %2 for %n point(s)?</source>
        <translation>
            <numerusform>%2 für %n Punkt an %1 ausgeben?</numerusform>
            <numerusform>%2 für %n Punkte an %1 ausgeben?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PrintedCard</name>
    <message>
        <location filename="../../kiosk/ui/printing.py" line="18"/>
        <source>Show this code at the counter to collect stamps.</source>
        <translation>Diesen Code an der Kasse zeigen und Stempel sammeln.</translation>
    </message>
</context>
<context>
    <name>Problem</name>
    <message>
        <location filename="../../kiosk/domain/problems.py" line="19"/>
        <source>enter the customer&apos;s name</source>
        <translation>den Namen des Kunden eingeben</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/problems.py" line="20"/>
        <source>at most {max} ordinary characters</source>
        <translation>höchstens {max} gewöhnliche Zeichen</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/problems.py" line="21"/>
        <source>that is not an email address</source>
        <translation>das ist keine E-Mail-Adresse</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/problems.py" line="22"/>
        <source>use digits, spaces and an optional +</source>
        <translation>Ziffern, Leerzeichen und ein optionales + verwenden</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/problems.py" line="23"/>
        <source>4 to 8 digits</source>
        <translation>4 bis 8 Ziffern</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/problems.py" line="25"/>
        <source>1 to 100 characters</source>
        <translation>1 bis 100 Zeichen</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/problems.py" line="26"/>
        <source>no such person</source>
        <translation>diese Person gibt es nicht</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/problems.py" line="27"/>
        <source>the shop needs at least one active owner</source>
        <translation>der Laden braucht mindestens einen aktiven Inhaber</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/problems.py" line="28"/>
        <source>no such offer</source>
        <translation>dieses Angebot gibt es nicht</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/problems.py" line="29"/>
        <source>no offer is running; create one first</source>
        <translation>kein Angebot läuft; zuerst eines anlegen</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/problems.py" line="30"/>
        <source>choose at least one running offer</source>
        <translation>mindestens ein laufendes Angebot wählen</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/problems.py" line="31"/>
        <source>type something to search</source>
        <translation>einen Suchbegriff eingeben</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/problems.py" line="32"/>
        <source>too long</source>
        <translation>zu lang</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/problems.py" line="33"/>
        <source>a whole number from -{max} to {max}, not 0</source>
        <translation>eine ganze Zahl von -{max} bis {max}, nicht 0</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/problems.py" line="34"/>
        <source>say why, in at most 200 characters</source>
        <translation>den Grund nennen, höchstens 200 Zeichen</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/problems.py" line="35"/>
        <source>the balance cannot go below zero</source>
        <translation>der Stand kann nicht unter null fallen</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/problems.py" line="36"/>
        <source>no key to issue cards; finish the set-up first</source>
        <translation>kein Schlüssel zum Ausgeben von Karten; zuerst die Einrichtung abschließen</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/problems.py" line="37"/>
        <source>a report covers 1 to {max} days</source>
        <translation>ein Bericht umfasst 1 bis {max} Tage</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/problems.py" line="38"/>
        <source>no such customer</source>
        <translation>kein solcher Kunde</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/problems.py" line="40"/>
        <source>no member has this code or card number: scan her card again, or leave it empty</source>
        <translation>kein Mitglied hat diesen Code oder diese Kartennummer: Karte erneut scannen oder das Feld leer lassen</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/problems.py" line="43"/>
        <source>this kiosk is paired with the cloud, which holds the customer&apos;s data: erase the customer in the cloud; this kiosk applies it at its next sync</source>
        <translation>dieser Kiosk ist mit der Cloud gekoppelt, die die Kundendaten hält: löschen Sie den Kunden in der Cloud; dieser Kiosk übernimmt es beim nächsten Sync</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/problems.py" line="16"/>
        <source>Give the offer a name customers will recognise.</source>
        <translation>Dem Angebot einen Namen geben, den Kunden wiedererkennen.</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/problems.py" line="17"/>
        <source>At most 60 characters.</source>
        <translation>Höchstens 60 Zeichen.</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/problems.py" line="19"/>
        <source>Between 2 and 50 stamps.</source>
        <translation>Zwischen 2 und 50 Stempeln.</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/problems.py" line="20"/>
        <source>Say what the customer gets, e.g. &apos;a free coffee&apos;.</source>
        <translation>Angeben, was der Kunde bekommt, z. B. „einen Gratis-Kaffee“.</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/problems.py" line="21"/>
        <source>At most 120 characters.</source>
        <translation>Höchstens 120 Zeichen.</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/problems.py" line="22"/>
        <source>Between 1 and 20 stamps per visit.</source>
        <translation>Zwischen 1 und 20 Stempeln pro Besuch.</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/problems.py" line="23"/>
        <source>Between 0 seconds and one day.</source>
        <translation>Zwischen 0 Sekunden und einem Tag.</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/problems.py" line="24"/>
        <source>Between 0 seconds and one hour.</source>
        <translation>Zwischen 0 Sekunden und einer Stunde.</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/problems.py" line="25"/>
        <source>The end must come after the start.</source>
        <translation>Das Ende muss nach dem Beginn liegen.</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/problems.py" line="26"/>
        <source>A colour like #6d4c41.</source>
        <translation>Eine Farbe wie #6d4c41.</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/problems.py" line="27"/>
        <source>Choose one of the icons.</source>
        <translation>Eines der Symbole wählen.</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/problems.py" line="29"/>
        <source>Points per 1 of the currency: more than 0, at most 100, at most 2 decimals.</source>
        <translation>Punkte je 1 der Währung: mehr als 0, höchstens 100, höchstens 2 Nachkommastellen.</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/problems.py" line="32"/>
        <source>Choose how points are rounded.</source>
        <translation>Wählen Sie, wie Punkte gerundet werden.</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/problems.py" line="33"/>
        <source>A minimum spend from 0 to 10,000.</source>
        <translation>Ein Mindestumsatz von 0 bis 10.000.</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/problems.py" line="34"/>
        <source>Points expire after 1 to 60 months without a visit, or never.</source>
        <translation>Punkte verfallen nach 1 bis 60 Monaten ohne Besuch, oder nie.</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/problems.py" line="37"/>
        <source>Between 1 and 20 rewards in the catalogue.</source>
        <translation>Zwischen 1 und 20 Prämien im Katalog.</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/problems.py" line="38"/>
        <source>Each reward needs its own short code (1 to 40 characters).</source>
        <translation>Jede Prämie braucht ihr eigenes Kürzel (1 bis 40 Zeichen).</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/problems.py" line="41"/>
        <source>Name the reward in 1 to 60 characters.</source>
        <translation>Benennen Sie die Prämie mit 1 bis 60 Zeichen.</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/problems.py" line="42"/>
        <source>Between 1 and 100,000 points.</source>
        <translation>Zwischen 1 und 100.000 Punkten.</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/problems.py" line="44"/>
        <source>The points for the cheapest reward must be the catalogue&apos;s cheapest cost.</source>
        <translation>Die Punkte für die günstigste Prämie müssen deren Preis im Katalog sein.</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/problems.py" line="48"/>
        <source>Between 2 and 6 tiers.</source>
        <translation>Zwischen 2 und 6 Stufen.</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/problems.py" line="49"/>
        <source>Each tier needs its own name of at most 24 characters.</source>
        <translation>Jede Stufe braucht einen eigenen Namen mit höchstens 24 Zeichen.</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/problems.py" line="50"/>
        <source>The first tier starts at 0.</source>
        <translation>Die erste Stufe beginnt bei 0.</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/problems.py" line="51"/>
        <source>Each tier needs more than the one before it.</source>
        <translation>Jede Stufe braucht mehr als die vorige.</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/problems.py" line="52"/>
        <source>A multiplier from 1 to 5, with at most one decimal, e.g. 1.5.</source>
        <translation>Ein Faktor von 1 bis 5 mit höchstens einer Nachkommastelle, z. B. 1,5.</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/problems.py" line="55"/>
        <source>A window of 1 to 36 months.</source>
        <translation>Ein Zeitraum von 1 bis 36 Monaten.</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/problems.py" line="56"/>
        <source>Choose one of the offer&apos;s tiers, or none.</source>
        <translation>Wählen Sie eine Stufe des Angebots oder keine.</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/problems.py" line="63"/>
        <source>Type the sale amount, e.g. 12.50.</source>
        <translation>Geben Sie den Verkaufsbetrag ein, z. B. 12,50.</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/problems.py" line="64"/>
        <source>A sale amount cannot be negative; use undo for a refund.</source>
        <translation>Ein Verkaufsbetrag kann nicht negativ sein; für eine Erstattung „Rückgängig“ verwenden.</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/problems.py" line="65"/>
        <source>That amount is too large for one sale; check it.</source>
        <translation>Dieser Betrag ist für einen Verkauf zu hoch; bitte prüfen.</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/problems.py" line="66"/>
        <source>The sale is below this offer&apos;s minimum spend.</source>
        <translation>Der Verkauf liegt unter dem Mindestumsatz dieses Angebots.</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/problems.py" line="67"/>
        <source>That sale is too small to earn a point.</source>
        <translation>Dieser Verkauf ist zu klein für einen Punkt.</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/problems.py" line="73"/>
        <source>That reward is not in this offer&apos;s catalogue.</source>
        <translation>Diese Prämie ist nicht im Katalog dieses Angebots.</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/problems.py" line="74"/>
        <source>Not enough points for that reward.</source>
        <translation>Nicht genug Punkte für diese Prämie.</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/problems.py" line="76"/>
        <source>Only {tier} members and above may take this reward.</source>
        <translation>Diese Prämie gibt es erst ab der Stufe {tier}.</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/problems.py" line="24"/>
        <source>choose a country from the list</source>
        <translation>ein Land aus der Liste wählen</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/problems.py" line="84"/>
        <source>this card&apos;s offer collects stamps, not points</source>
        <translation>das Angebot dieser Karte sammelt Stempel, keine Punkte</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/problems.py" line="86"/>
        <source>1 to 60 characters</source>
        <translation>1 bis 60 Zeichen</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/problems.py" line="87"/>
        <source>choose two different offers, or one offer and the control</source>
        <translation>zwei verschiedene Angebote wählen oder ein Angebot und die Kontrollgruppe</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/problems.py" line="88"/>
        <source>{offer} is already in a running A/B test</source>
        <translation>{offer} ist schon in einem laufenden A/B-Test</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/problems.py" line="89"/>
        <source>the control group&apos;s visits are counted in another running offer: keep one outside the test</source>
        <translation>die Besuche der Kontrollgruppe werden in einem anderen laufenden Angebot gezählt: behalten Sie eines außerhalb des Tests</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/problems.py" line="93"/>
        <source>1 to {max} days</source>
        <translation>1 bis {max} Tage</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/problems.py" line="94"/>
        <source>2 to {max} members per arm</source>
        <translation>2 bis {max} Mitglieder je Gruppe</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/problems.py" line="95"/>
        <source>enter the shop&apos;s name</source>
        <translation>Namen des Geschäfts eingeben</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/problems.py" line="96"/>
        <source>at most 80 characters</source>
        <translation>höchstens 80 Zeichen</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/problems.py" line="97"/>
        <source>choose a time zone from the list</source>
        <translation>eine Zeitzone aus der Liste wählen</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/problems.py" line="98"/>
        <source>choose a currency from the list</source>
        <translation>eine Währung aus der Liste wählen</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/problems.py" line="99"/>
        <source>the two PINs differ</source>
        <translation>die beiden PINs sind verschieden</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/problems.py" line="100"/>
        <source>this kiosk is set up already</source>
        <translation>dieser Kiosk ist bereits eingerichtet</translation>
    </message>
</context>
<context>
    <name>ProgramKind</name>
    <message>
        <location filename="../../loyalty_rules/kinds/stamps.py" line="27"/>
        <source>Stamp card</source>
        <translation>Stempelkarte</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/kinds/stamps.py" line="28"/>
        <source>Stamps needed</source>
        <translation>Benötigte Stempel</translation>
    </message>
    <message numerus="yes">
        <location filename="../../loyalty_rules/kinds/stamps.py" line="29"/>
        <source>%n stamp(s)</source>
        <translation>
            <numerusform>%n Stempel</numerusform>
            <numerusform>%n Stempel</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/kinds/stamps.py" line="30"/>
        <source>Stamps per visit, at most</source>
        <translation>Höchstens Stempel pro Besuch</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/kinds/points.py" line="419"/>
        <source>Points per spend</source>
        <translation>Punkte pro Einkauf</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/kinds/points.py" line="420"/>
        <source>Points for the cheapest reward</source>
        <translation>Punkte für die günstigste Prämie</translation>
    </message>
    <message numerus="yes">
        <location filename="../../loyalty_rules/kinds/points.py" line="421"/>
        <source>%n point(s)</source>
        <translation>
            <numerusform>%n Punkt</numerusform>
            <numerusform>%n Punkte</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/kinds/points.py" line="422"/>
        <source>Earns per sale</source>
        <translation>Gutschriften pro Einkauf</translation>
    </message>
</context>
<context>
    <name>Referral</name>
    <message>
        <location filename="../../loyalty_rules/referrals.py" line="50"/>
        <source>A customer cannot refer herself.</source>
        <translation>Niemand kann sich selbst empfehlen.</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/referrals.py" line="51"/>
        <source>The new customer has the referrer&apos;s phone number or email, so no referral bonus.</source>
        <translation>Die neue Kundin hat dieselbe Telefonnummer oder E-Mail wie die Empfehlende, daher kein Empfehlungsbonus.</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/referrals.py" line="54"/>
        <source>That referral code belongs to a card that is no longer active.</source>
        <translation>Dieser Empfehlungscode gehört zu einer Karte, die nicht mehr aktiv ist.</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/referrals.py" line="57"/>
        <source>This customer was already referred by someone.</source>
        <translation>Diese Kundin wurde bereits von jemandem empfohlen.</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/referrals.py" line="58"/>
        <source>This referrer has reached this month&apos;s limit of referrals; the new customer still joins.</source>
        <translation>Die Empfehlende hat ihr Empfehlungslimit für diesen Monat erreicht; die neue Kundin wird trotzdem aufgenommen.</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/referrals.py" line="64"/>
        <source>A bonus of 1 to 50.</source>
        <translation>Ein Bonus von 1 bis 50.</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/referrals.py" line="65"/>
        <source>Between 1 and 50 referrals a month.</source>
        <translation>Zwischen 1 und 50 Empfehlungen pro Monat.</translation>
    </message>
</context>
<context>
    <name>ReferralPolicyDialog</name>
    <message>
        <location filename="../../kiosk/ui/screens/referral_policy_dialog.py" line="32"/>
        <source>Referrals</source>
        <translation>Empfehlungen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/referral_policy_dialog.py" line="38"/>
        <source>A member who brings a friend gets a bonus, and so does the friend, once the friend&apos;s first visit is recorded. Undoing that visit takes both bonuses back.</source>
        <translation>Wer eine Freundin mitbringt, erhält einen Bonus, die Freundin ebenfalls, sobald ihr erster Besuch erfasst ist. Wird dieser Besuch rückgängig gemacht, werden beide Boni zurückgenommen.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/referral_policy_dialog.py" line="50"/>
        <source>Bonus for the member who refers (stamps or points)</source>
        <translation>Bonus für das empfehlende Mitglied (Stempel oder Punkte)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/referral_policy_dialog.py" line="51"/>
        <source>Bonus for the new member, at her first visit</source>
        <translation>Bonus für das neue Mitglied, beim ersten Besuch</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/referral_policy_dialog.py" line="52"/>
        <source>Referrals per member and month that earn a bonus</source>
        <translation>Empfehlungen pro Mitglied und Monat, die einen Bonus bringen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/referral_policy_dialog.py" line="63"/>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/referral_policy_dialog.py" line="64"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/referral_policy_dialog.py" line="91"/>
        <source>Referral rules saved.</source>
        <translation>Empfehlungsregeln gespeichert.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/referral_policy_dialog.py" line="98"/>
        <source>Nothing was saved: correct the marked fields.</source>
        <translation>Nichts gespeichert: Bitte die markierten Felder korrigieren.</translation>
    </message>
</context>
<context>
    <name>Refusal</name>
    <message>
        <location filename="../../kiosk/domain/refusals.py" line="76"/>
        <source>Nothing was scanned. Try again.</source>
        <translation>Es wurde nichts gescannt. Bitte noch einmal.</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/refusals.py" line="77"/>
        <source>That code is far too long to be a loyalty card.</source>
        <translation>Dieser Code ist viel zu lang für eine Treuekarte.</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/refusals.py" line="78"/>
        <source>That code holds unreadable characters.</source>
        <translation>Dieser Code enthält unlesbare Zeichen.</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/refusals.py" line="79"/>
        <source>That is not a loyalty card code.</source>
        <translation>Das ist kein Treuekarten-Code.</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/refusals.py" line="80"/>
        <source>Only part of the code was read. Scan again.</source>
        <translation>Nur ein Teil des Codes wurde gelesen. Bitte noch einmal scannen.</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/refusals.py" line="81"/>
        <source>The scanner changed the letters&apos; case. Check the scanner and scan again.</source>
        <translation>Der Scanner hat Groß- und Kleinschreibung vertauscht. Scanner prüfen und noch einmal scannen.</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/refusals.py" line="84"/>
        <source>This card comes from a newer version of the app. Update the kiosk.</source>
        <translation>Diese Karte stammt aus einer neueren App-Version. Bitte den Kiosk aktualisieren.</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/refusals.py" line="87"/>
        <source>That card number has a typo: check the digits.</source>
        <translation>Die Kartennummer enthält einen Tippfehler: bitte die Ziffern prüfen.</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/refusals.py" line="88"/>
        <source>This card&apos;s signature is not valid.</source>
        <translation>Die Signatur dieser Karte ist ungültig.</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/refusals.py" line="89"/>
        <source>This card belongs to another business.</source>
        <translation>Diese Karte gehört zu einem anderen Geschäft.</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/refusals.py" line="90"/>
        <source>This card was issued by a device this kiosk does not know yet. Sync and try again.</source>
        <translation>Diese Karte stammt von einem Gerät, das dieser Kiosk noch nicht kennt. Abgleichen und erneut versuchen.</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/refusals.py" line="93"/>
        <source>This card&apos;s code comes from a kiosk taken out of service. A manager can make a new QR code for the card under Customers.</source>
        <translation>Der Code dieser Karte stammt von einem außer Betrieb genommenen Kiosk. Eine Filialleitung kann unter „Kunden“ einen neuen QR-Code für die Karte erstellen.</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/refusals.py" line="98"/>
        <source>This card&apos;s code names an unsafe signing key (one anybody can forge with). It is refused; tell the owner.</source>
        <translation>Der Code dieser Karte nennt einen unsicheren Signaturschlüssel (mit dem jeder fälschen kann). Die Karte wird abgelehnt; bitte den Inhaber informieren.</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/refusals.py" line="103"/>
        <source>No card with this code is on this kiosk.</source>
        <translation>Auf diesem Kiosk gibt es keine Karte mit diesem Code.</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/refusals.py" line="104"/>
        <source>This card has been revoked.</source>
        <translation>Diese Karte wurde gesperrt.</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/refusals.py" line="105"/>
        <source>The offer {program} is paused.</source>
        <translation>Das Angebot {program} ist pausiert.</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/refusals.py" line="106"/>
        <source>The offer {program} has not started yet.</source>
        <translation>Das Angebot {program} hat noch nicht begonnen.</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/refusals.py" line="107"/>
        <source>The offer {program} has ended.</source>
        <translation>Das Angebot {program} ist beendet.</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/refusals.py" line="108"/>
        <source>This card was just stamped. Wait {seconds} s before stamping again.</source>
        <translation>Diese Karte wurde gerade gestempelt. Bitte {seconds} s bis zum nächsten Stempel warten.</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/refusals.py" line="111"/>
        <source>Quantity must be a whole number of at least 1.</source>
        <translation>Die Menge muss eine ganze Zahl ab 1 sein.</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/refusals.py" line="112"/>
        <source>At most {limit} stamps per visit for {program}.</source>
        <translation>Höchstens {limit} Stempel pro Besuch für {program}.</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/refusals.py" line="113"/>
        <source>Not enough stamps yet: {units} of {required}.</source>
        <translation>Noch nicht genug Stempel: {units} von {required}.</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/refusals.py" line="114"/>
        <source>This card already has {count} rewards redeemed offline. Wait until the kiosk is online.</source>
        <translation>Auf dieser Karte wurden offline schon {count} Prämien eingelöst. Bitte warten, bis der Kiosk online ist.</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/refusals.py" line="117"/>
        <source>There is nothing to undo on this card.</source>
        <translation>Auf dieser Karte gibt es nichts rückgängig zu machen.</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/refusals.py" line="118"/>
        <source>Too late to undo: that was more than {seconds} s ago.</source>
        <translation>Zu spät zum Rückgängigmachen: das ist mehr als {seconds} s her.</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/refusals.py" line="121"/>
        <source>Cannot undo: the stamps have already been used for a reward.</source>
        <translation>Nicht möglich: die Stempel wurden schon für eine Prämie verwendet.</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/refusals.py" line="124"/>
        <source>The offer {program} is being tested and does not apply to this member.</source>
        <translation>Das Angebot {program} wird gerade getestet und gilt nicht für dieses Mitglied.</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/refusals.py" line="129"/>
        <source>This already exists: {what}.</source>
        <translation>Das gibt es schon: {what}.</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/refusals.py" line="130"/>
        <source>Your role cannot do this.</source>
        <translation>Ihre Rolle darf das nicht.</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/refusals.py" line="131"/>
        <source>Sign in first.</source>
        <translation>Bitte zuerst anmelden.</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/refusals.py" line="132"/>
        <source>Too many wrong PINs. Try again in {seconds} s.</source>
        <translation>Zu viele falsche PINs. Erneut versuchen in {seconds} s.</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/refusals.py" line="133"/>
        <source>Wrong PIN.</source>
        <translation>Falsche PIN.</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/refusals.py" line="134"/>
        <source>A member cannot be merged with herself: choose two different members.</source>
        <translation>Ein Mitglied kann nicht mit sich selbst zusammengeführt werden: Wählen Sie zwei verschiedene Mitglieder.</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/refusals.py" line="137"/>
        <source>No member {member} is on this kiosk.</source>
        <translation>Kein Mitglied {member} ist auf diesem Kiosk.</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/refusals.py" line="138"/>
        <source>This member&apos;s data was erased: an erased member cannot be merged.</source>
        <translation>Die Daten dieses Mitglieds wurden gelöscht: Ein gelöschtes Mitglied kann nicht zusammengeführt werden.</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/refusals.py" line="141"/>
        <source>{name} was already merged into another member: merge that member instead.</source>
        <translation>{name} wurde bereits mit einem anderen Mitglied zusammengeführt: Führen Sie stattdessen dieses Mitglied zusammen.</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/refusals.py" line="144"/>
        <source>Neither member has a card yet: nothing to merge.</source>
        <translation>Keines der beiden Mitglieder hat bisher eine Karte: Es gibt nichts zusammenzuführen.</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/refusals.py" line="145"/>
        <source>Could not save: {problem}. Nothing was recorded.</source>
        <translation>Speichern fehlgeschlagen: {problem}. Es wurde nichts erfasst.</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/refusals.py" line="151"/>
        <source>The disk is full ({free_mb} MB free in {folder}). Nothing was recorded; everything recorded before is safe. Ask a manager to free space on that disk (e.g. old backups), then scan again.</source>
        <translation>Die Festplatte ist voll ({free_mb} MB frei in {folder}). Nichts wurde gespeichert; alles bisher Gespeicherte ist sicher. Bitten Sie eine Führungskraft, auf diesem Datenträger Platz zu schaffen (z. B. alte Sicherungen), und scannen Sie dann erneut.</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/refusals.py" line="156"/>
        <source>The kiosk&apos;s folder {folder} cannot be written to (read-only storage). Nothing was recorded; everything recorded before is safe. Ask a manager to fix the storage, then scan again.</source>
        <translation>In den Ordner {folder} des Kiosks kann nicht geschrieben werden (schreibgeschützter Speicher). Nichts wurde gespeichert; alles bisher Gespeicherte ist sicher. Bitten Sie eine Führungskraft, den Speicher zu reparieren, und scannen Sie dann erneut.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/messages.py" line="19"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/messages.py" line="20"/>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/messages.py" line="21"/>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/messages.py" line="22"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/messages.py" line="23"/>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/messages.py" line="24"/>
        <source>Stamps</source>
        <translation>Stempel</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/messages.py" line="25"/>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/messages.py" line="26"/>
        <source>Offer</source>
        <translation>Angebot</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/messages.py" line="27"/>
        <source>Staff</source>
        <translation>Personal</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/messages.py" line="28"/>
        <source>Kiosk</source>
        <translation>Kiosk</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/messages.py" line="29"/>
        <source>Days</source>
        <translation>Tage</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/messages.py" line="30"/>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/messages.py" line="32"/>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/messages.py" line="33"/>
        <source>Reward</source>
        <translation>Prämie</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/messages.py" line="34"/>
        <source>Card</source>
        <translation>Karte</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/messages.py" line="35"/>
        <source>Referred by</source>
        <translation>Empfohlen von</translation>
    </message>
    <message>
        <location filename="../../kiosk/domain/refusals.py" line="128"/>
        <source>{field}: {problem}</source>
        <translation>{field}: {problem}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/messages.py" line="51"/>
        <source>A customer with this email</source>
        <translation>Ein Kunde mit dieser E-Mail-Adresse</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/messages.py" line="52"/>
        <source>A customer with this phone number</source>
        <translation>Ein Kunde mit dieser Telefonnummer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/messages.py" line="55"/>
        <source>Staff member {name}</source>
        <translation>Mitarbeiter/in {name}</translation>
    </message>
</context>
<context>
    <name>RejectedOffersTable</name>
    <message>
        <location filename="../../kiosk/ui/screens/sync_lists.py" line="151"/>
        <source>Offer</source>
        <translation>Angebot</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_lists.py" line="151"/>
        <source>Why the cloud refused it</source>
        <translation>Warum die Cloud es abgelehnt hat</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_lists.py" line="161"/>
        <source>Each sync sends it again; it goes up once another offer is paused or the plan allows more.</source>
        <translation>Jeder Abgleich sendet es erneut; es kommt an, sobald ein anderes Angebot pausiert ist oder der Tarif mehr erlaubt.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_lists.py" line="168"/>
        <source>Another business already has an offer with this id. Create the offer again as a new offer.</source>
        <translation>Ein anderes Unternehmen hat bereits ein Angebot mit dieser Kennung. Legen Sie das Angebot neu an.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_lists.py" line="170"/>
        <source>%1. Change the offer and save it to send it again.</source>
        <translation>%1. Ändern und speichern Sie das Angebot, um es erneut zu senden.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_lists.py" line="175"/>
        <source>offer %1</source>
        <translation>Angebot %1</translation>
    </message>
</context>
<context>
    <name>RejectedTable</name>
    <message>
        <location filename="../../kiosk/ui/screens/sync_lists.py" line="112"/>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_lists.py" line="112"/>
        <source>Card</source>
        <translation>Karte</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_lists.py" line="112"/>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_lists.py" line="112"/>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_lists.py" line="114"/>
        <source>New card</source>
        <translation>Neue Karte</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_lists.py" line="115"/>
        <source>Stamp</source>
        <translation>Stempel</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_lists.py" line="116"/>
        <source>Reward</source>
        <translation>Prämie</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_lists.py" line="117"/>
        <source>Adjustment</source>
        <translation>Korrektur</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_lists.py" line="118"/>
        <source>Undo</source>
        <translation>Rücknahme</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_lists.py" line="119"/>
        <source>Referral</source>
        <translation>Empfehlung</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_lists.py" line="120"/>
        <source>Members merged</source>
        <translation>Mitglieder zusammengeführt</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_lists.py" line="121"/>
        <source>Tier changed</source>
        <translation>Stufe geändert</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync_lists.py" line="127"/>
        <source>The cloud holds another event under this event&apos;s id: this one was not counted. It is kept here; tell the owner.</source>
        <translation>Die Cloud hat unter der Kennung dieses Ereignisses ein anderes Ereignis gespeichert: Dieses wurde nicht gezählt. Es bleibt hier erhalten; bitte den Inhaber informieren.</translation>
    </message>
</context>
<context>
    <name>ReportTable</name>
    <message>
        <location filename="../../kiosk/ui/screens/reports.py" line="37"/>
        <source>Visits</source>
        <translation>Besuche</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/reports.py" line="37"/>
        <source>Stamps</source>
        <translation>Stempel</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/reports.py" line="37"/>
        <source>Rewards</source>
        <translation>Prämien</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/reports.py" line="37"/>
        <source>New customers</source>
        <translation>Neue Kunden</translation>
    </message>
</context>
<context>
    <name>ReportsScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/reports.py" line="64"/>
        <source>Reports</source>
        <translation>Berichte</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/reports.py" line="66"/>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/reports.py" line="66"/>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/reports.py" line="66"/>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/reports.py" line="70"/>
        <source>Charts</source>
        <translation>Diagramme</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/reports.py" line="83"/>
        <source>Visits</source>
        <translation>Besuche</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/reports.py" line="84"/>
        <source>Stamps given</source>
        <translation>Vergebene Stempel</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/reports.py" line="85"/>
        <source>Rewards redeemed</source>
        <translation>Eingelöste Prämien</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/reports.py" line="86"/>
        <source>New customers</source>
        <translation>Neue Kunden</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/reports.py" line="110"/>
        <source>Offer</source>
        <translation>Angebot</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/reports.py" line="111"/>
        <source>Staff</source>
        <translation>Mitarbeiter</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/reports.py" line="112"/>
        <source>Day</source>
        <translation>Tag</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/reports.py" line="113"/>
        <source>By offer</source>
        <translation>Nach Angebot</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/reports.py" line="114"/>
        <source>By staff</source>
        <translation>Nach Mitarbeiter</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/reports.py" line="115"/>
        <source>By day</source>
        <translation>Nach Tag</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/reports.py" line="133"/>
        <source>Counting…</source>
        <translation>Wird gezählt…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/reports.py" line="153"/>
        <source>%n manual adjustment(s), %1 stamps in all</source>
        <translation>
            <numerusform>%n manuelle Korrektur, insgesamt %1 Stempel</numerusform>
            <numerusform>%n manuelle Korrekturen, insgesamt %1 Stempel</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/reports.py" line="161"/>
        <source>%n point(s) expired (no visit within the offer&apos;s months)</source>
        <translation>
            <numerusform>%n Punkt verfallen (kein Besuch in den Monaten des Angebots)</numerusform>
            <numerusform>%n Punkte verfallen (kein Besuch in den Monaten des Angebots)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/reports.py" line="167"/>
        <source>From %1 to now, at this kiosk. The cloud&apos;s analytics count every kiosk of the shop.</source>
        <translation>Von %1 bis jetzt, an diesem Kiosk. Die Auswertungen der Cloud zählen jeden Kiosk des Geschäfts.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/reports.py" line="172"/>
        <source>From %1 to now.</source>
        <translation>Von %1 bis jetzt.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/reports.py" line="174"/>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
</context>
<context>
    <name>ResultPanel</name>
    <message>
        <location filename="../../kiosk/ui/widgets/result_panel.py" line="168"/>
        <source>Yes, give it</source>
        <translation>Ja, ausgeben</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/result_panel.py" line="170"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/result_panel.py" line="179"/>
        <source>Alt+Z</source>
        <translation>Alt+Z</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/result_panel.py" line="191"/>
        <source>Ready for the next customer</source>
        <translation>Bereit für den nächsten Kunden</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/result_panel.py" line="272"/>
        <source>Give %1 %2?</source>
        <translation>%1 bekommt: %2?</translation>
    </message>
</context>
<context>
    <name>ScanScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/scan.py" line="82"/>
        <location filename="../../kiosk/ui/screens/scan.py" line="219"/>
        <location filename="../../kiosk/ui/screens/scan.py" line="372"/>
        <source>Scan the customer&apos;s card</source>
        <translation>Karte des Kunden scannen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/scan.py" line="88"/>
        <source>Card code, then Enter</source>
        <translation>Kartencode, dann Enter</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/scan.py" line="95"/>
        <source>One stamp fewer (Ctrl+−)</source>
        <translation>Ein Stempel weniger (Strg+−)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/scan.py" line="97"/>
        <source>One stamp more (Ctrl++)</source>
        <translation>Ein Stempel mehr (Strg++)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/scan.py" line="107"/>
        <source>Stamp</source>
        <translation>Stempeln</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/scan.py" line="173"/>
        <source>%n stamp(s)</source>
        <translation>
            <numerusform>%n Stempel</numerusform>
            <numerusform>%n Stempel</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/scan.py" line="195"/>
        <location filename="../../kiosk/ui/screens/scan.py" line="207"/>
        <source>Checking the card…</source>
        <translation>Karte wird geprüft…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/scan.py" line="228"/>
        <source>Sound: off</source>
        <translation>Ton: aus</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/scan.py" line="228"/>
        <source>Sound: on</source>
        <translation>Ton: an</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/scan.py" line="235"/>
        <source>Camera unavailable (%1). Use the hand scanner.</source>
        <translation>Kamera nicht verfügbar (%1). Bitte den Handscanner benutzen.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/scan.py" line="239"/>
        <source>Camera connected: starting the preview…</source>
        <translation>Kamera verbunden: Vorschau startet…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/scan.py" line="245"/>
        <source>Scanner unavailable (%1). Retrying; type the card number meanwhile.</source>
        <translation>Scanner nicht verfügbar (%1). Neuer Versuch läuft; bis dahin die Kartennummer eintippen.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/scan.py" line="250"/>
        <source>Scanner ready on %1.</source>
        <translation>Scanner bereit an %1.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/scan.py" line="262"/>
        <source>+%n stamp(s) (happy hour)</source>
        <translation>
            <numerusform>+%n Stempel (Happy Hour)</numerusform>
            <numerusform>+%n Stempel (Happy Hour)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/scan.py" line="268"/>
        <source>Reward unlocked: %1!</source>
        <translation>Prämie freigeschaltet: %1!</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/scan.py" line="347"/>
        <source>%1; both referral bonuses taken back</source>
        <translation>%1; beide Empfehlungsboni zurückgenommen</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/scan.py" line="264"/>
        <source>%n stamp(s) added</source>
        <translation>
            <numerusform>%n Stempel hinzugefügt</numerusform>
            <numerusform>%n Stempel hinzugefügt</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/scan.py" line="270"/>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/scan.py" line="277"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/scan.py" line="280"/>
        <source>%1 (%2 joined %3)</source>
        <translation>%1 (%2 ist jetzt bei %3 dabei)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/scan.py" line="282"/>
        <source>%1 (the scanner&apos;s keyboard layout is wrong: check it)</source>
        <translation>%1 (das Tastaturlayout des Scanners ist falsch: bitte prüfen)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/scan.py" line="305"/>
        <source>%1
+%2 referral bonus, referred by %3 (who gets +%4)</source>
        <translation>%1
+%2 Empfehlungsbonus, empfohlen von %3 (erhält ebenfalls +%4)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/scan.py" line="327"/>
        <source>Reward given: %1</source>
        <translation>Prämie ausgegeben: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/scan.py" line="291"/>
        <source>Undo %1&apos;s +%2</source>
        <translation>+%2 für %1 zurücknehmen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/scan.py" line="331"/>
        <source>Undo reward</source>
        <translation>Prämie zurücknehmen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/scan.py" line="341"/>
        <source>Undone: the reward was taken back</source>
        <translation>Zurückgenommen: die Prämie gilt wieder</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/scan.py" line="343"/>
        <source>Undone: %n point(s) taken back</source>
        <translation>
            <numerusform>Rückgängig: %n Punkt zurückgenommen</numerusform>
            <numerusform>Rückgängig: %n Punkte zurückgenommen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/scan.py" line="345"/>
        <source>Undone: %n stamp(s) taken back</source>
        <translation>
            <numerusform>Zurückgenommen: %n Stempel</numerusform>
            <numerusform>Zurückgenommen: %n Stempel</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ScannerSection</name>
    <message>
        <location filename="../../kiosk/ui/screens/settings_scanner.py" line="44"/>
        <location filename="../../kiosk/ui/screens/settings_scanner.py" line="66"/>
        <source>Camera</source>
        <translation>Kamera</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/settings_scanner.py" line="45"/>
        <source>USB scanner (types like a keyboard)</source>
        <translation>USB-Scanner (tippt wie eine Tastatur)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/settings_scanner.py" line="46"/>
        <source>Serial scanner</source>
        <translation>Serieller Scanner</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/settings_scanner.py" line="48"/>
        <source>auto, a camera number, /dev/video0 or a video file</source>
        <translation>auto, eine Kameranummer, /dev/video0 oder eine Videodatei</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/settings_scanner.py" line="65"/>
        <source>Scanner in use</source>
        <translation>Verwendeter Scanner</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/settings_scanner.py" line="67"/>
        <source>Serial port</source>
        <translation>Serieller Anschluss</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/settings_scanner.py" line="68"/>
        <source>Baud rate</source>
        <translation>Baudrate</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/settings_scanner.py" line="69"/>
        <source>USB scanner: key gap (ms)</source>
        <translation>USB-Scanner: Tastenabstand (ms)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/settings_scanner.py" line="70"/>
        <source>Same code again after (ms)</source>
        <translation>Gleicher Code erneut nach (ms)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/settings_scanner.py" line="71"/>
        <source>USB scanner: prefix</source>
        <translation>USB-Scanner: Präfix</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/settings_scanner.py" line="72"/>
        <source>USB scanner: suffix</source>
        <translation>USB-Scanner: Suffix</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/settings_scanner.py" line="78"/>
        <source>Scanner changes apply after the kiosk restarts. A USB scanner always works.</source>
        <translation>Scanner-Änderungen gelten nach einem Neustart des Kiosks. Ein USB-Scanner funktioniert immer.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/settings_scanner.py" line="135"/>
        <source>Enter a whole number.</source>
        <translation>Eine ganze Zahl eingeben.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/settings_scanner.py" line="138"/>
        <source>Camera numbers start at 0.</source>
        <translation>Kameranummern beginnen bei 0.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/settings_scanner.py" line="163"/>
        <source>Enter the scanner&apos;s port, for example /dev/ttyACM0.</source>
        <translation>Den Anschluss des Scanners eingeben, zum Beispiel /dev/ttyACM0.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/settings_scanner.py" line="165"/>
        <source>Enter a whole number from %1 to %2.</source>
        <translation>Eine ganze Zahl von %1 bis %2 eingeben.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/settings_scanner.py" line="167"/>
        <source>At most 300 characters.</source>
        <translation>Höchstens 300 Zeichen.</translation>
    </message>
</context>
<context>
    <name>Segments</name>
    <message>
        <location filename="../../kiosk/ui/widgets/insights_views.py" line="17"/>
        <source>Champions</source>
        <translation>Champions</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/insights_views.py" line="18"/>
        <source>Loyal</source>
        <translation>Treue</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/insights_views.py" line="19"/>
        <source>Potential loyalists</source>
        <translation>Künftige Treue</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/insights_views.py" line="20"/>
        <source>New</source>
        <translation>Neue</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/insights_views.py" line="21"/>
        <source>Promising</source>
        <translation>Vielversprechende</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/insights_views.py" line="22"/>
        <source>Need attention</source>
        <translation>Brauchen Aufmerksamkeit</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/insights_views.py" line="23"/>
        <source>About to sleep</source>
        <translation>Kurz vorm Einschlafen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/insights_views.py" line="24"/>
        <source>At risk</source>
        <translation>Gefährdet</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/insights_views.py" line="25"/>
        <source>Cannot lose</source>
        <translation>Nicht zu verlieren</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/widgets/insights_views.py" line="26"/>
        <source>Hibernating</source>
        <translation>Im Winterschlaf</translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/settings.py" line="54"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/settings.py" line="58"/>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/settings.py" line="59"/>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/settings.py" line="63"/>
        <source>Play a sound after each scan</source>
        <translation>Nach jedem Scan einen Ton abspielen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/settings.py" line="66"/>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/settings.py" line="68"/>
        <source>Kiosk mode: full screen; leaving needs a manager&apos;s PIN</source>
        <translation>Kioskmodus: Vollbild; Verlassen nur mit PIN der Filialleitung</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/settings.py" line="73"/>
        <source>While the cloud has not confirmed them, a card can redeem at most this many rewards here (a copied card redeemed at two offline kiosks is caught at the next sync).</source>
        <translation>Solange die Cloud sie nicht bestätigt hat, kann eine Karte hier höchstens so viele Prämien einlösen (eine kopierte Karte, die an zwei Kiosken offline eingelöst wird, fällt beim nächsten Sync auf).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/settings.py" line="77"/>
        <source>Theme</source>
        <translation>Design</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/settings.py" line="78"/>
        <source>Language (after a restart)</source>
        <translation>Sprache (nach Neustart)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/settings.py" line="79"/>
        <source>Sound</source>
        <translation>Ton</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/settings.py" line="80"/>
        <source>Sign out after no activity for</source>
        <translation>Abmelden nach Inaktivität von</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/settings.py" line="81"/>
        <source>Card printing</source>
        <translation>Kartendruck</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/settings.py" line="82"/>
        <source>Rewards per card while offline</source>
        <translation>Prämien pro Karte ohne Verbindung</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/settings.py" line="95"/>
        <source>General</source>
        <translation>Allgemein</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/settings.py" line="96"/>
        <source>Scanner</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/settings.py" line="98"/>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/settings.py" line="100"/>
        <source>Save settings</source>
        <translation>Einstellungen speichern</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/settings.py" line="143"/>
        <source>Nothing was saved: correct the marked fields.</source>
        <translation>Nichts gespeichert: Bitte die markierten Felder korrigieren.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/settings.py" line="146"/>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/settings.py" line="168"/>
        <source>The settings could not be saved: %1</source>
        <translation>Die Einstellungen konnten nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/settings.py" line="179"/>
        <source>Settings saved. Restart the kiosk to use the new scanner settings.</source>
        <translation>Einstellungen gespeichert. Für die neuen Scanner-Einstellungen den Kiosk neu starten.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/settings.py" line="182"/>
        <source>Settings saved.</source>
        <translation>Einstellungen gespeichert.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/settings.py" line="85"/>
        <source>Country for phone numbers</source>
        <translation>Land für Telefonnummern</translation>
    </message>
</context>
<context>
    <name>SignInScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/signin.py" line="75"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/signin.py" line="87"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/signin.py" line="103"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/signin.py" line="123"/>
        <source>Who is signing in?</source>
        <translation>Wer meldet sich an?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/signin.py" line="125"/>
        <source>A manager&apos;s PIN is needed to leave kiosk mode</source>
        <translation>Zum Verlassen des Kioskmodus ist die PIN der Filialleitung nötig</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/signin.py" line="197"/>
        <source>Choose your name first.</source>
        <translation>Bitte zuerst den eigenen Namen wählen.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/signin.py" line="214"/>
        <source>Only a manager or the owner can leave kiosk mode.</source>
        <translation>Nur Filialleitung oder Inhaber können den Kioskmodus verlassen.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/signin.py" line="226"/>
        <source>Wrong PIN. %n attempt(s) left before a lockout.</source>
        <translation>
            <numerusform>Falsche PIN. Noch %n Versuch bis zur Sperre.</numerusform>
            <numerusform>Falsche PIN. Noch %n Versuche bis zur Sperre.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/signin.py" line="257"/>
        <source>Too many wrong PINs. Try again in %1 s.</source>
        <translation>Zu viele falsche PINs. Erneut versuchen in %1 s.</translation>
    </message>
</context>
<context>
    <name>StaffScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/staff.py" line="36"/>
        <source>Cashier</source>
        <translation>Kasse</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/staff.py" line="37"/>
        <source>Manager</source>
        <translation>Filialleitung</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/staff.py" line="38"/>
        <source>Owner</source>
        <translation>Inhaber</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/staff.py" line="40"/>
        <source>Staff</source>
        <translation>Personal</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/staff.py" line="42"/>
        <location filename="../../kiosk/ui/screens/staff.py" line="77"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/staff.py" line="42"/>
        <location filename="../../kiosk/ui/screens/staff.py" line="78"/>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/staff.py" line="42"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/staff.py" line="54"/>
        <source>Change role</source>
        <translation>Rolle ändern</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/staff.py" line="57"/>
        <source>New PIN</source>
        <translation>Neue PIN</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/staff.py" line="58"/>
        <source>Reset PIN</source>
        <translation>PIN zurücksetzen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/staff.py" line="59"/>
        <location filename="../../kiosk/ui/screens/staff.py" line="120"/>
        <source>Deactivate</source>
        <translation>Deaktivieren</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/staff.py" line="76"/>
        <source>4 to 8 digits</source>
        <translation>4 bis 8 Ziffern</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/staff.py" line="79"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/staff.py" line="81"/>
        <source>Add person</source>
        <translation>Person hinzufügen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/staff.py" line="112"/>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/staff.py" line="112"/>
        <source>deactivated</source>
        <translation>deaktiviert</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/staff.py" line="129"/>
        <location filename="../../kiosk/ui/screens/staff.py" line="150"/>
        <source>Choose a person in the list first.</source>
        <translation>Zuerst eine Person in der Liste wählen.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/staff.py" line="176"/>
        <source>Saved: %1</source>
        <translation>Gespeichert: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/staff.py" line="120"/>
        <source>Reactivate</source>
        <translation>Reaktivieren</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/staff.py" line="157"/>
        <source>Deactivate %1? They can no longer sign in; their stamps and history stay. Choose them again and Reactivate to undo this.</source>
        <translation>%1 deaktivieren? Die Person kann sich nicht mehr anmelden; Stempel und Verlauf bleiben. Zum Rückgängigmachen die Person wieder wählen und „Reaktivieren“.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/staff.py" line="162"/>
        <source>Yes, deactivate</source>
        <translation>Ja, deaktivieren</translation>
    </message>
</context>
<context>
    <name>SyncScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/sync.py" line="40"/>
        <source>Sync</source>
        <translation>Abgleich</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync.py" line="50"/>
        <location filename="../../kiosk/ui/screens/sync.py" line="136"/>
        <source>Sync now</source>
        <translation>Jetzt abgleichen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync.py" line="136"/>
        <source>Syncing…</source>
        <translation>Wird abgeglichen…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/sync.py" line="146"/>
        <source>Conflicts (%n)</source>
        <translation>
            <numerusform>Konflikte (%n)</numerusform>
            <numerusform>Konflikte (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/sync.py" line="162"/>
        <source>First sync: %n item(s) received</source>
        <translation>
            <numerusform>Erster Abgleich: %n Eintrag empfangen</numerusform>
            <numerusform>Erster Abgleich: %n Einträge empfangen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync.py" line="175"/>
        <source>Sync cannot start: %1</source>
        <translation>Der Abgleich kann nicht starten: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync.py" line="199"/>
        <source>Reading the sync status…</source>
        <translation>Abgleichstatus wird gelesen…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync.py" line="200"/>
        <source>Paired: waiting for the first sync</source>
        <translation>Gekoppelt: Warten auf den ersten Abgleich</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync.py" line="201"/>
        <source>Online: in sync with the cloud</source>
        <translation>Online: mit der Cloud abgeglichen</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/sync.py" line="202"/>
        <source>Offline — %n event(s) waiting</source>
        <translation>
            <numerusform>Offline — %n Ereignis wartet</numerusform>
            <numerusform>Offline — %n Ereignisse warten</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync.py" line="203"/>
        <source>Not paired: this kiosk works on its own</source>
        <translation>Nicht gekoppelt: Dieser Kiosk arbeitet eigenständig</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync.py" line="205"/>
        <source>Revoked in the cloud: the owner must unpair and pair this kiosk again</source>
        <translation>In der Cloud gesperrt: Der Inhaber muss diesen Kiosk entkoppeln und neu koppeln</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync.py" line="208"/>
        <source>The cloud no longer accepts this kiosk: the owner must unpair and pair it again</source>
        <translation>Die Cloud nimmt diesen Kiosk nicht mehr an: Der Inhaber muss ihn entkoppeln und neu koppeln</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync.py" line="210"/>
        <source>Cannot write to this kiosk&apos;s ledger: sync is paused</source>
        <translation>Die Buchungen dieses Kiosks lassen sich nicht speichern: Der Abgleich pausiert</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync.py" line="221"/>
        <source>Cloud: %1 · %2, %3</source>
        <translation>Cloud: %1 · %2, %3</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync.py" line="228"/>
        <source>Cloud: none. The owner pairs this kiosk below.</source>
        <translation>Cloud: keine. Der Inhaber koppelt diesen Kiosk hier unten.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/sync.py" line="236"/>
        <source>%n event(s) waiting to sync</source>
        <translation>
            <numerusform>%n Ereignis wartet auf Abgleich</numerusform>
            <numerusform>%n Ereignisse warten auf Abgleich</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/sync.py" line="238"/>
        <source>%n event(s) refused by the cloud</source>
        <translation>
            <numerusform>%n Ereignis von der Cloud abgelehnt</numerusform>
            <numerusform>%n Ereignisse von der Cloud abgelehnt</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync.py" line="241"/>
        <source>Last sync: %1</source>
        <translation>Letzter Abgleich: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync.py" line="241"/>
        <source>Never synced</source>
        <translation>Noch nie abgeglichen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync.py" line="244"/>
        <source>Last error: %1</source>
        <translation>Letzter Fehler: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync.py" line="253"/>
        <source>This kiosk&apos;s cloud credential is also in use by another till (a copy of this kiosk&apos;s data folder). Owner: revoke this kiosk in the dashboard&apos;s devices, then pair each till again with its own pairing code. Events not yet synced stay on each till and are sent after pairing.</source>
        <translation>Die Cloud-Zugangsdaten dieses Kiosks werden auch von einer anderen Kasse verwendet (eine Kopie des Datenordners dieses Kiosks). Inhaber: Diesen Kiosk im Dashboard unter Geräte widerrufen und dann jede Kasse mit einem eigenen Kopplungscode neu koppeln. Noch nicht abgeglichene Ereignisse bleiben auf jeder Kasse erhalten und werden nach dem Koppeln gesendet.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/sync.py" line="267"/>
        <source>Refused events (%n)</source>
        <translation>
            <numerusform>Abgelehnte Ereignisse (%n)</numerusform>
            <numerusform>Abgelehnte Ereignisse (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/sync.py" line="269"/>
        <source>Refused offer changes (%n)</source>
        <translation>
            <numerusform>Abgelehnte Angebote (%n)</numerusform>
            <numerusform>Abgelehnte Angebote (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/sync.py" line="276"/>
        <source>%n member(s) waiting for a plan upgrade.</source>
        <translation>
            <numerusform>%n Mitglied wartet auf einen größeren Tarif.</numerusform>
            <numerusform>%n Mitglieder warten auf einen größeren Tarif.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync.py" line="279"/>
        <source>They work at this counter as usual and are sent to the cloud by the first sync after the owner upgrades the plan.</source>
        <translation>An dieser Kasse funktioniert alles wie gewohnt; der erste Abgleich nach dem Tarifwechsel durch den Inhaber überträgt sie in die Cloud.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/sync.py" line="307"/>
        <source>This kiosk&apos;s clock is %n minute(s) ahead of the cloud&apos;s. Check the time setting.</source>
        <translation>
            <numerusform>Die Uhr dieses Kiosks geht %n Minute vor gegenüber der Cloud. Bitte die Uhrzeit prüfen.</numerusform>
            <numerusform>Die Uhr dieses Kiosks geht %n Minuten vor gegenüber der Cloud. Bitte die Uhrzeit prüfen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/sync.py" line="312"/>
        <source>This kiosk&apos;s clock is %n minute(s) behind the cloud&apos;s. Check the time setting.</source>
        <translation>
            <numerusform>Die Uhr dieses Kiosks geht %n Minute nach gegenüber der Cloud. Bitte die Uhrzeit prüfen.</numerusform>
            <numerusform>Die Uhr dieses Kiosks geht %n Minuten nach gegenüber der Cloud. Bitte die Uhrzeit prüfen.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync.py" line="230"/>
        <source>Cloud: none.</source>
        <translation>Cloud: keine.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync.py" line="290"/>
        <source>To sync with the cloud, the owner signs in on this kiosk, opens Sync and pairs it with a pairing code from the cloud dashboard (Locations). Until then everything is kept here.</source>
        <translation>Für den Abgleich mit der Cloud meldet sich der Inhaber an diesem Kiosk an, öffnet „Abgleich“ und koppelt ihn mit einem Kopplungscode aus dem Cloud-Dashboard (Standorte). Bis dahin bleibt alles hier gespeichert.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/sync.py" line="295"/>
        <source>Ask the owner to sign in on this kiosk, open Sync, unpair it and pair it again with a new pairing code. Stamps keep being recorded here meanwhile and nothing is lost.</source>
        <translation>Bitten Sie den Inhaber, sich an diesem Kiosk anzumelden, „Abgleich“ zu öffnen, den Kiosk zu entkoppeln und mit einem neuen Kopplungscode wieder zu koppeln. Stempel werden so lange hier erfasst, nichts geht verloren.</translation>
    </message>
</context>
<context>
    <name>Tier</name>
    <message>
        <location filename="../../loyalty_rules/tiers.py" line="65"/>
        <source>Between 2 and 6 tiers.</source>
        <translation>Zwischen 2 und 6 Stufen.</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/tiers.py" line="66"/>
        <source>Each tier needs its own name of at most 24 characters.</source>
        <translation>Jede Stufe braucht einen eigenen Namen mit höchstens 24 Zeichen.</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/tiers.py" line="67"/>
        <source>The first tier starts at 0.</source>
        <translation>Die erste Stufe beginnt bei 0.</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/tiers.py" line="68"/>
        <source>Each tier needs more than the one before it.</source>
        <translation>Jede Stufe muss mehr verlangen als die vorige.</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/tiers.py" line="69"/>
        <source>A multiplier from 1 to 5, with at most one decimal, e.g. 1.5.</source>
        <translation>Ein Faktor von 1 bis 5 mit höchstens einer Nachkommastelle, z. B. 1,5.</translation>
    </message>
    <message>
        <location filename="../../loyalty_rules/tiers.py" line="70"/>
        <source>A window of 1 to 36 months.</source>
        <translation>Ein Zeitraum von 1 bis 36 Monaten.</translation>
    </message>
</context>
<context>
    <name>TierFields</name>
    <message>
        <location filename="../../kiosk/ui/screens/offers_tiers.py" line="45"/>
        <source>Tiers (Bronze, Silver, Gold)</source>
        <translation>Stufen (Bronze, Silber, Gold)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers_tiers.py" line="49"/>
        <source>Points earned</source>
        <translation>Gesammelte Punkte</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers_tiers.py" line="50"/>
        <source>Visits</source>
        <translation>Besuche</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers_tiers.py" line="54"/>
        <source> months</source>
        <translation> Monate</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers_tiers.py" line="57"/>
        <source>Tier</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers_tiers.py" line="57"/>
        <source>From</source>
        <translation>Ab</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers_tiers.py" line="57"/>
        <source>Points ×</source>
        <translation>Punkte ×</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers_tiers.py" line="66"/>
        <source>Add a tier</source>
        <translation>Stufe hinzufügen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers_tiers.py" line="67"/>
        <source>Remove the chosen tier</source>
        <translation>Gewählte Stufe entfernen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers_tiers.py" line="78"/>
        <source>Counted</source>
        <translation>Gezählt</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/offers_tiers.py" line="82"/>
        <source>Within the last</source>
        <translation>In den letzten</translation>
    </message>
</context>
<context>
    <name>WindowRow</name>
    <message>
        <location filename="../../kiosk/ui/screens/happy_hours_dialog.py" line="56"/>
        <source>Monday</source>
        <translation>Montag</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/happy_hours_dialog.py" line="57"/>
        <source>Tuesday</source>
        <translation>Dienstag</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/happy_hours_dialog.py" line="58"/>
        <source>Wednesday</source>
        <translation>Mittwoch</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/happy_hours_dialog.py" line="59"/>
        <source>Thursday</source>
        <translation>Donnerstag</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/happy_hours_dialog.py" line="60"/>
        <source>Friday</source>
        <translation>Freitag</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/happy_hours_dialog.py" line="61"/>
        <source>Saturday</source>
        <translation>Samstag</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/happy_hours_dialog.py" line="62"/>
        <source>Sunday</source>
        <translation>Sonntag</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/happy_hours_dialog.py" line="69"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
</context>
</TS>
