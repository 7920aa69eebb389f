<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="de_DE">
<context>
    <name>AuditScreen</name>
    <message>
        <location filename="../../ui/screens/audit.py" line="25" />
        <source>Audit log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location filename="../../ui/screens/audit.py" line="28" />
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <location filename="../../ui/screens/audit.py" line="28" />
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <location filename="../../ui/screens/audit.py" line="28" />
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <location filename="../../ui/screens/audit.py" line="28" />
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/screens/audit.py" line="61" />
        <source>%n entries</source>
        <translation>
            <numerusform>%n Eintrag</numerusform><numerusform>%n Einträge</numerusform></translation>
    </message>
</context>
<context>
    <name>CameraView</name>
    <message>
        <location filename="../../ui/screens/scan.py" line="40" />
        <source>No camera: use the hand scanner or type the card number.</source>
        <translation>Keine Kamera: Handscanner benutzen oder Kartennummer eintippen.</translation>
    </message>
</context>
<context>
    <name>CardLine</name>
    <message>
        <location filename="../../ui/screens/lookup.py" line="19" />
        <source>%1 — %2: %3 of %4 · card %5</source>
        <translation>%1 — %2: %3 von %4 · Karte %5</translation>
    </message>
</context>
<context>
    <name>CardRow</name>
    <message>
        <location filename="../../ui/widgets/result_panel.py" line="30" />
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/widgets/result_panel.py" line="41" />
        <source>%n reward(s) ready: %1</source>
        <translation>
            <numerusform>%n Prämie bereit: %1</numerusform><numerusform>%n Prämien bereit: %1</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/widgets/result_panel.py" line="44" />
        <source>Redeem</source>
        <translation>Einlösen</translation>
    </message>
</context>
<context>
    <name>CustomersScreen</name>
    <message>
        <location filename="../../ui/screens/customers.py" line="37" />
        <source>Enrolled</source>
        <translation>Angemeldet</translation>
    </message>
    <message>
        <location filename="../../ui/screens/customers.py" line="38" />
        <source>Stamped</source>
        <translation>Gestempelt</translation>
    </message>
    <message>
        <location filename="../../ui/screens/customers.py" line="39" />
        <source>Reward redeemed</source>
        <translation>Prämie eingelöst</translation>
    </message>
    <message>
        <location filename="../../ui/screens/customers.py" line="40" />
        <source>Adjusted</source>
        <translation>Korrigiert</translation>
    </message>
    <message>
        <location filename="../../ui/screens/customers.py" line="41" />
        <source>Undone</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <location filename="../../ui/screens/customers.py" line="42" />
        <source>Referral</source>
        <translation>Empfehlung</translation>
    </message>
    <message>
        <location filename="../../ui/screens/customers.py" line="44" />
        <source>Customers</source>
        <translation>Kunden</translation>
    </message>
    <message>
        <location filename="../../ui/screens/customers.py" line="47" />
        <source>Phone, email, name or card number</source>
        <translation>Telefon, E-Mail, Name oder Kartennummer</translation>
    </message>
    <message>
        <location filename="../../ui/screens/customers.py" line="49" />
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <location filename="../../ui/screens/customers.py" line="63" />
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <location filename="../../ui/screens/customers.py" line="63" />
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <location filename="../../ui/screens/customers.py" line="63" />
        <source>Stamps</source>
        <translation>Stempel</translation>
    </message>
    <message>
        <location filename="../../ui/screens/customers.py" line="63" />
        <source>Who / where</source>
        <translation>Wer / wo</translation>
    </message>
    <message>
        <location filename="../../ui/screens/customers.py" line="63" />
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <location filename="../../ui/screens/customers.py" line="75" />
        <source> stamps</source>
        <translation> Stempel</translation>
    </message>
    <message>
        <location filename="../../ui/screens/customers.py" line="77" />
        <source>Reason (required), e.g. stamp forgotten yesterday</source>
        <translation>Grund (Pflicht), z. B. Stempel gestern vergessen</translation>
    </message>
    <message>
        <location filename="../../ui/screens/customers.py" line="78" />
        <source>Adjust</source>
        <translation>Korrigieren</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/screens/customers.py" line="114" />
        <source>%n card(s) found</source>
        <translation>
            <numerusform>%n Karte gefunden</numerusform><numerusform>%n Karten gefunden</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/screens/customers.py" line="130" />
        <source>%1 · %2: %3 stamps now, %4 rewards redeemed</source>
        <translation>%1 · %2: jetzt %3 Stempel, %4 Prämien eingelöst</translation>
    </message>
    <message>
        <location filename="../../ui/screens/customers.py" line="139" />
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <location filename="../../ui/screens/customers.py" line="144" />
        <source>%1 at %2</source>
        <translation>%1 in %2</translation>
    </message>
    <message>
        <location filename="../../ui/screens/customers.py" line="152" />
        <source>Choose a card first.</source>
        <translation>Zuerst eine Karte wählen.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/customers.py" line="159" />
        <source>Adjusted: %1 stamps now.</source>
        <translation>Korrigiert: jetzt %1 Stempel.</translation>
    </message>
</context>
<context>
    <name>EnrollScreen</name>
    <message>
        <location filename="../../ui/screens/enroll.py" line="39" />
        <source>New customer</source>
        <translation>Neuer Kunde</translation>
    </message>
    <message>
        <location filename="../../ui/screens/enroll.py" line="48" />
        <source>First and last name</source>
        <translation>Vor- und Nachname</translation>
    </message>
    <message>
        <location filename="../../ui/screens/enroll.py" line="50" />
        <location filename="../../ui/screens/enroll.py" line="52" />
        <source>optional</source>
        <translation>freiwillig</translation>
    </message>
    <message>
        <location filename="../../ui/screens/enroll.py" line="53" />
        <source>Wants offers by email or text message</source>
        <translation>Möchte Angebote per E-Mail oder SMS</translation>
    </message>
    <message>
        <location filename="../../ui/screens/enroll.py" line="55" />
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/screens/enroll.py" line="56" />
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <location filename="../../ui/screens/enroll.py" line="57" />
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <location filename="../../ui/screens/enroll.py" line="60" />
        <source>Create the card</source>
        <translation>Karte anlegen</translation>
    </message>
    <message>
        <location filename="../../ui/screens/enroll.py" line="73" />
        <source>The new card's QR code appears here.</source>
        <translation>Hier erscheint der QR-Code der neuen Karte.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/enroll.py" line="86" />
        <source>A4 page</source>
        <translation>A4-Seite</translation>
    </message>
    <message>
        <location filename="../../ui/screens/enroll.py" line="87" />
        <source>Receipt 80 mm</source>
        <translation>Bon 80 mm</translation>
    </message>
    <message>
        <location filename="../../ui/screens/enroll.py" line="88" />
        <source>Receipt 58 mm</source>
        <translation>Bon 58 mm</translation>
    </message>
    <message>
        <location filename="../../ui/screens/enroll.py" line="92" />
        <source>Print…</source>
        <translation>Drucken…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/enroll.py" line="117" />
        <source>Creating the card…</source>
        <translation>Karte wird angelegt…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/enroll.py" line="133" />
        <source>Welcome, %1! Scan or print the card.</source>
        <translation>Willkommen, %1! Karte scannen oder drucken.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/enroll.py" line="156" />
        <source>%1 · card number %2</source>
        <translation>%1 · Kartennummer %2</translation>
    </message>
    <message>
        <location filename="../../ui/screens/enroll.py" line="162" />
        <source>Show this code at the counter to collect stamps.</source>
        <translation>Diesen Code an der Kasse zeigen und Stempel sammeln.</translation>
    </message>
</context>
<context>
    <name>KioskStatusBar</name>
    <message>
        <location filename="../../ui/widgets/status_bar.py" line="28" />
        <source>Signed in: %1</source>
        <translation>Angemeldet: %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/status_bar.py" line="28" />
        <source>Nobody signed in</source>
        <translation>Niemand angemeldet</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/status_bar.py" line="32" />
        <source>Standalone (no cloud)</source>
        <translation>Eigenständig (ohne Cloud)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/status_bar.py" line="34" />
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/status_bar.py" line="36" />
        <source>Offline: scans are kept and sync later</source>
        <translation>Offline: Scans bleiben gespeichert und werden später übertragen</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/widgets/status_bar.py" line="41" />
        <source>%n event(s) waiting to sync</source>
        <translation>
            <numerusform>%n Ereignis wartet auf Abgleich</numerusform><numerusform>%n Ereignisse warten auf Abgleich</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/widgets/status_bar.py" line="43" />
        <source>Last sync %1</source>
        <translation>Zuletzt abgeglichen %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/status_bar.py" line="45" />
        <source>Never synced</source>
        <translation>Noch nie abgeglichen</translation>
    </message>
</context>
<context>
    <name>LookupScreen</name>
    <message>
        <location filename="../../ui/screens/lookup.py" line="35" />
        <source>Find a customer</source>
        <translation>Kunden finden</translation>
    </message>
    <message>
        <location filename="../../ui/screens/lookup.py" line="38" />
        <source>Phone, email, name or card number</source>
        <translation>Telefon, E-Mail, Name oder Kartennummer</translation>
    </message>
    <message>
        <location filename="../../ui/screens/lookup.py" line="40" />
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <location filename="../../ui/screens/lookup.py" line="51" />
        <source>Stamp this card at the counter</source>
        <translation>Diese Karte an der Kasse stempeln</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/screens/lookup.py" line="80" />
        <source>%n card(s) found</source>
        <translation>
            <numerusform>%n Karte gefunden</numerusform><numerusform>%n Karten gefunden</numerusform></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="49" />
        <source>Loyalty Kiosk</source>
        <translation>Treue-Kiosk</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="72" />
        <source>Leave kiosk mode</source>
        <translation>Kioskmodus verlassen</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="76" />
        <source>Sign out</source>
        <translation>Abmelden</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="137" />
        <source>%1 is for managers and owners only.</source>
        <translation>%1 ist nur für Filialleitung und Inhaber.</translation>
    </message>
</context>
<context>
    <name>Nav</name>
    <message>
        <location filename="../../ui/app.py" line="74" />
        <source>New customer</source>
        <translation>Neuer Kunde</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="81" />
        <source>Find customer</source>
        <translation>Kunde finden</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="85" />
        <source>Offers</source>
        <translation>Angebote</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="93" />
        <source>Customers</source>
        <translation>Kunden</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="101" />
        <source>Staff</source>
        <translation>Personal</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="109" />
        <source>Audit log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="117" />
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="151" />
        <source>Scan</source>
        <translation>Scannen</translation>
    </message>
</context>
<context>
    <name>OffersScreen</name>
    <message>
        <location filename="../../ui/screens/offers.py" line="52" />
        <source>Offers</source>
        <translation>Angebote</translation>
    </message>
    <message>
        <location filename="../../ui/screens/offers.py" line="61" />
        <source>New offer</source>
        <translation>Neues Angebot</translation>
    </message>
    <message>
        <location filename="../../ui/screens/offers.py" line="73" />
        <source> stamps</source>
        <translation> Stempel</translation>
    </message>
    <message>
        <location filename="../../ui/screens/offers.py" line="76" />
        <location filename="../../ui/screens/offers.py" line="77" />
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location filename="../../ui/screens/offers.py" line="78" />
        <source>Starts on</source>
        <translation>Beginnt am</translation>
    </message>
    <message>
        <location filename="../../ui/screens/offers.py" line="80" />
        <source>Ends on</source>
        <translation>Endet am</translation>
    </message>
    <message>
        <location filename="../../ui/screens/offers.py" line="93" />
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/screens/offers.py" line="94" />
        <source>Stamps needed</source>
        <translation>Benötigte Stempel</translation>
    </message>
    <message>
        <location filename="../../ui/screens/offers.py" line="95" />
        <source>Reward</source>
        <translation>Prämie</translation>
    </message>
    <message>
        <location filename="../../ui/screens/offers.py" line="96" />
        <source>Stamps per visit, at most</source>
        <translation>Höchstens Stempel pro Besuch</translation>
    </message>
    <message>
        <location filename="../../ui/screens/offers.py" line="97" />
        <source>Wait between scans</source>
        <translation>Wartezeit zwischen Scans</translation>
    </message>
    <message>
        <location filename="../../ui/screens/offers.py" line="98" />
        <source>Undo possible for</source>
        <translation>Rückgängig möglich für</translation>
    </message>
    <message>
        <location filename="../../ui/screens/offers.py" line="101" />
        <source>Colour</source>
        <translation>Farbe</translation>
    </message>
    <message>
        <location filename="../../ui/screens/offers.py" line="102" />
        <source>Icon</source>
        <translation>Symbol</translation>
    </message>
    <message>
        <location filename="../../ui/screens/offers.py" line="120" />
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <location filename="../../ui/screens/offers.py" line="121" />
        <location filename="../../ui/screens/offers.py" line="195" />
        <source>Pause</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <location filename="../../ui/screens/offers.py" line="122" />
        <source>Archive</source>
        <translation>Archivieren</translation>
    </message>
    <message>
        <location filename="../../ui/screens/offers.py" line="150" />
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <location filename="../../ui/screens/offers.py" line="151" />
        <source>paused</source>
        <translation>pausiert</translation>
    </message>
    <message>
        <location filename="../../ui/screens/offers.py" line="152" />
        <source>archived</source>
        <translation>archiviert</translation>
    </message>
    <message>
        <location filename="../../ui/screens/offers.py" line="157" />
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/offers.py" line="195" />
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <location filename="../../ui/screens/offers.py" line="221" />
        <source>Offer name</source>
        <translation>Name des Angebots</translation>
    </message>
    <message>
        <location filename="../../ui/screens/offers.py" line="255" />
        <source>Saved: %1</source>
        <translation>Gespeichert: %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/offers.py" line="262" />
        <source>Not saved: fix the fields marked in red.</source>
        <translation>Nicht gespeichert: bitte die rot markierten Felder korrigieren.</translation>
    </message>
</context>
<context>
    <name>Refusal</name>
    <message>
        <location filename="../../ui/messages.py" line="13" />
        <source>Nothing was scanned. Try again.</source>
        <translation>Es wurde nichts gescannt. Bitte noch einmal.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="14" />
        <source>That code is far too long to be a loyalty card.</source>
        <translation>Dieser Code ist viel zu lang für eine Treuekarte.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="15" />
        <source>That code holds unreadable characters.</source>
        <translation>Dieser Code enthält unlesbare Zeichen.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="16" />
        <source>That is not a loyalty card code.</source>
        <translation>Das ist kein Treuekarten-Code.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="17" />
        <source>Only part of the code was read. Scan again.</source>
        <translation>Nur ein Teil des Codes wurde gelesen. Bitte noch einmal scannen.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="18" />
        <source>The scanner changed the letters' case. Check the scanner and scan again.</source>
        <translation>Der Scanner hat Groß- und Kleinschreibung vertauscht. Scanner prüfen und noch einmal scannen.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="21" />
        <source>This card comes from a newer version of the app. Update the kiosk.</source>
        <translation>Diese Karte stammt aus einer neueren App-Version. Bitte den Kiosk aktualisieren.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="24" />
        <source>That card number has a typo: check the digits.</source>
        <translation>Die Kartennummer enthält einen Tippfehler: bitte die Ziffern prüfen.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="25" />
        <source>This card's signature is not valid.</source>
        <translation>Die Signatur dieser Karte ist ungültig.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="26" />
        <source>This card belongs to another business.</source>
        <translation>Diese Karte gehört zu einem anderen Geschäft.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="27" />
        <source>This card was issued by a device this kiosk does not know yet. Sync and try again.</source>
        <translation>Diese Karte stammt von einem Gerät, das dieser Kiosk noch nicht kennt. Abgleichen und erneut versuchen.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="30" />
        <source>This card was issued by a revoked device.</source>
        <translation>Diese Karte stammt von einem gesperrten Gerät.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="31" />
        <source>No card with this code is on this kiosk.</source>
        <translation>Auf diesem Kiosk gibt es keine Karte mit diesem Code.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="32" />
        <source>This card has been revoked.</source>
        <translation>Diese Karte wurde gesperrt.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="33" />
        <source>The offer {program} is paused.</source>
        <translation>Das Angebot {program} ist pausiert.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="34" />
        <source>The offer {program} has not started yet.</source>
        <translation>Das Angebot {program} hat noch nicht begonnen.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="35" />
        <source>The offer {program} has ended.</source>
        <translation>Das Angebot {program} ist beendet.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="36" />
        <source>This card was just stamped. Wait {seconds} s before stamping again.</source>
        <translation>Diese Karte wurde gerade gestempelt. Bitte {seconds} s bis zum nächsten Stempel warten.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="39" />
        <source>Quantity must be a whole number of at least 1.</source>
        <translation>Die Menge muss eine ganze Zahl ab 1 sein.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="40" />
        <source>At most {limit} stamps per visit for {program}.</source>
        <translation>Höchstens {limit} Stempel pro Besuch für {program}.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="41" />
        <source>Not enough stamps yet: {units} of {required}.</source>
        <translation>Noch nicht genug Stempel: {units} von {required}.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="42" />
        <source>This card already has {count} rewards redeemed offline. Wait until the kiosk is online.</source>
        <translation>Auf dieser Karte wurden offline schon {count} Prämien eingelöst. Bitte warten, bis der Kiosk online ist.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="45" />
        <source>There is nothing to undo on this card.</source>
        <translation>Auf dieser Karte gibt es nichts rückgängig zu machen.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="46" />
        <source>Too late to undo: that was more than {seconds} s ago.</source>
        <translation>Zu spät zum Rückgängigmachen: das ist mehr als {seconds} s her.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="49" />
        <source>Cannot undo: the stamps have already been used for a reward.</source>
        <translation>Nicht möglich: die Stempel wurden schon für eine Prämie verwendet.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="52" />
        <source>This already exists: {what}.</source>
        <translation>Das gibt es schon: {what}.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="53" />
        <source>Your role cannot do this.</source>
        <translation>Ihre Rolle darf das nicht.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="54" />
        <source>Sign in first.</source>
        <translation>Bitte zuerst anmelden.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="55" />
        <source>Too many wrong PINs. Try again in {seconds} s.</source>
        <translation>Zu viele falsche PINs. Erneut versuchen in {seconds} s.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="56" />
        <source>Wrong PIN.</source>
        <translation>Falsche PIN.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="57" />
        <source>Could not save: {problem}. Nothing was recorded.</source>
        <translation>Speichern fehlgeschlagen: {problem}. Es wurde nichts erfasst.</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="63" />
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="64" />
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="65" />
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="66" />
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="67" />
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="68" />
        <source>Stamps</source>
        <translation>Stempel</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="69" />
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="70" />
        <source>Offer</source>
        <translation>Angebot</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="71" />
        <source>Staff</source>
        <translation>Personal</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="73" />
        <source>{field}: {problem}</source>
        <translation>{field}: {problem}</translation>
    </message>
</context>
<context>
    <name>ResultPanel</name>
    <message>
        <location filename="../../ui/widgets/result_panel.py" line="90" />
        <source>Yes, give it</source>
        <translation>Ja, ausgeben</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/result_panel.py" line="91" />
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/result_panel.py" line="99" />
        <source>Undo last stamp</source>
        <translation>Letzten Stempel zurücknehmen</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/result_panel.py" line="111" />
        <source>Ready for the next customer</source>
        <translation>Bereit für den nächsten Kunden</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/result_panel.py" line="147" />
        <source>Give %1 %2?</source>
        <translation>%1 bekommt: %2?</translation>
    </message>
</context>
<context>
    <name>ScanScreen</name>
    <message>
        <location filename="../../ui/screens/scan.py" line="70" />
        <location filename="../../ui/screens/scan.py" line="238" />
        <source>Scan the customer's card</source>
        <translation>Karte des Kunden scannen</translation>
    </message>
    <message>
        <location filename="../../ui/screens/scan.py" line="76" />
        <source>Card code, then Enter</source>
        <translation>Kartencode, dann Enter</translation>
    </message>
    <message>
        <location filename="../../ui/screens/scan.py" line="83" />
        <source>One stamp fewer (Ctrl+−)</source>
        <translation>Ein Stempel weniger (Strg+−)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/scan.py" line="85" />
        <source>One stamp more (Ctrl++)</source>
        <translation>Ein Stempel mehr (Strg++)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/scan.py" line="95" />
        <source>Stamp</source>
        <translation>Stempeln</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/screens/scan.py" line="149" />
        <source>%n stamp(s)</source>
        <translation>
            <numerusform>%n Stempel</numerusform><numerusform>%n Stempel</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/screens/scan.py" line="164" />
        <source>Checking the card…</source>
        <translation>Karte wird geprüft…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/scan.py" line="173" />
        <source>Sound: off</source>
        <translation>Ton: aus</translation>
    </message>
    <message>
        <location filename="../../ui/screens/scan.py" line="173" />
        <source>Sound: on</source>
        <translation>Ton: an</translation>
    </message>
    <message>
        <location filename="../../ui/screens/scan.py" line="180" />
        <source>Camera unavailable (%1). Use the hand scanner.</source>
        <translation>Kamera nicht verfügbar (%1). Bitte den Handscanner benutzen.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/scan.py" line="187" />
        <source>Reward unlocked: %1!</source>
        <translation>Prämie freigeschaltet: %1!</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/screens/scan.py" line="191" />
        <source>%n stamp(s) added</source>
        <translation>
            <numerusform>%n Stempel hinzugefügt</numerusform><numerusform>%n Stempel hinzugefügt</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/screens/scan.py" line="194" />
        <source>%1 (the scanner's keyboard layout is wrong: check it)</source>
        <translation>%1 (das Tastaturlayout des Scanners ist falsch: bitte prüfen)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/scan.py" line="211" />
        <source>Reward given: %1</source>
        <translation>Prämie ausgegeben: %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/scan.py" line="220" />
        <source>Undone: the last stamp was taken back</source>
        <translation>Rückgängig: der letzte Stempel wurde zurückgenommen</translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <location filename="../../ui/screens/settings.py" line="34" />
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="38" />
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="39" />
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="43" />
        <source>Play a sound after each scan</source>
        <translation>Nach jedem Scan einen Ton abspielen</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="46" />
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="49" />
        <source>A4 page</source>
        <translation>A4-Seite</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="50" />
        <source>Receipt 80 mm</source>
        <translation>Bon 80 mm</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="51" />
        <source>Receipt 58 mm</source>
        <translation>Bon 58 mm</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="54" />
        <source>Kiosk mode: full screen; leaving needs a manager's PIN</source>
        <translation>Kioskmodus: Vollbild; Verlassen nur mit PIN der Filialleitung</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="55" />
        <source>Theme</source>
        <translation>Design</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="56" />
        <source>Language (after a restart)</source>
        <translation>Sprache (nach Neustart)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="57" />
        <source>Sound</source>
        <translation>Ton</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="58" />
        <source>Sign out after no activity for</source>
        <translation>Abmelden nach Inaktivität von</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="59" />
        <source>Card printing</source>
        <translation>Kartendruck</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="62" />
        <source>Save settings</source>
        <translation>Einstellungen speichern</translation>
    </message>
    <message>
        <location filename="../../ui/screens/settings.py" line="99" />
        <source>Settings saved.</source>
        <translation>Einstellungen gespeichert.</translation>
    </message>
</context>
<context>
    <name>SignInScreen</name>
    <message>
        <location filename="../../ui/screens/signin.py" line="69" />
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../ui/screens/signin.py" line="80" />
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../ui/screens/signin.py" line="96" />
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../ui/screens/signin.py" line="105" />
        <source>Owner's name</source>
        <translation>Name des Inhabers</translation>
    </message>
    <message>
        <location filename="../../ui/screens/signin.py" line="108" />
        <source>Choose a PIN (4 to 8 digits)</source>
        <translation>PIN wählen (4 bis 8 Ziffern)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/signin.py" line="111" />
        <source>The same PIN again</source>
        <translation>Dieselbe PIN noch einmal</translation>
    </message>
    <message>
        <location filename="../../ui/screens/signin.py" line="113" />
        <source>Create the owner</source>
        <translation>Inhaber anlegen</translation>
    </message>
    <message>
        <location filename="../../ui/screens/signin.py" line="141" />
        <location filename="../../ui/screens/signin.py" line="282" />
        <source>Who is signing in?</source>
        <translation>Wer meldet sich an?</translation>
    </message>
    <message>
        <location filename="../../ui/screens/signin.py" line="143" />
        <source>A manager's PIN is needed to leave kiosk mode</source>
        <translation>Zum Verlassen des Kioskmodus ist die PIN der Filialleitung nötig</translation>
    </message>
    <message>
        <location filename="../../ui/screens/signin.py" line="160" />
        <source>Welcome! First, set up the shop owner's PIN</source>
        <translation>Willkommen! Zuerst die PIN des Inhabers festlegen</translation>
    </message>
    <message>
        <location filename="../../ui/screens/signin.py" line="209" />
        <source>Choose your name first.</source>
        <translation>Bitte zuerst den eigenen Namen wählen.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/signin.py" line="221" />
        <source>Only a manager or the owner can leave kiosk mode.</source>
        <translation>Nur Filialleitung oder Inhaber können den Kioskmodus verlassen.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/screens/signin.py" line="235" />
        <source>Wrong PIN. %n attempt(s) left before a lockout.</source>
        <translation>
            <numerusform>Falsche PIN. Noch %n Versuch bis zur Sperre.</numerusform><numerusform>Falsche PIN. Noch %n Versuche bis zur Sperre.</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/screens/signin.py" line="266" />
        <source>Too many wrong PINs. Try again in %1 s.</source>
        <translation>Zu viele falsche PINs. Erneut versuchen in %1 s.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/signin.py" line="271" />
        <source>The two PINs differ. Type them again.</source>
        <translation>Die beiden PINs sind verschieden. Bitte neu eingeben.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/signin.py" line="279" />
        <source>Owner created. Sign in with the new PIN.</source>
        <translation>Inhaber angelegt. Mit der neuen PIN anmelden.</translation>
    </message>
</context>
<context>
    <name>StaffScreen</name>
    <message>
        <location filename="../../ui/screens/staff.py" line="35" />
        <source>Cashier</source>
        <translation>Kasse</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="36" />
        <source>Manager</source>
        <translation>Filialleitung</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="37" />
        <source>Owner</source>
        <translation>Inhaber</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="39" />
        <source>Staff</source>
        <translation>Personal</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="41" />
        <location filename="../../ui/screens/staff.py" line="77" />
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="41" />
        <location filename="../../ui/screens/staff.py" line="78" />
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="41" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="51" />
        <source>Change role</source>
        <translation>Rolle ändern</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="54" />
        <source>New PIN</source>
        <translation>Neue PIN</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="55" />
        <source>Reset PIN</source>
        <translation>PIN zurücksetzen</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="56" />
        <source>Deactivate</source>
        <translation>Deaktivieren</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="76" />
        <source>4 to 8 digits</source>
        <translation>4 bis 8 Ziffern</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="79" />
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="81" />
        <source>Add person</source>
        <translation>Person hinzufügen</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="104" />
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="104" />
        <source>deactivated</source>
        <translation>deaktiviert</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="115" />
        <source>Choose a person in the list first.</source>
        <translation>Zuerst eine Person in der Liste wählen.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="143" />
        <source>Saved: %1</source>
        <translation>Gespeichert: %1</translation>
    </message>
</context>
</TS>