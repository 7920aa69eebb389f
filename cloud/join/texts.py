"""The customer pages' words in English and German, and which language a visitor gets.

The business's language wins (PATCH /businesses/me `language`); without one, the visitor's
browser says (Accept-Language, by quality); English when neither names a language we have.
"""

from __future__ import annotations

from enum import StrEnum

from cloud.join.form import FieldProblem

# The privacy text a customer consents to, by version: a new wording is a new version, and each
# join keeps the version she saw (member_joins.consent_version).
PRIVACY_VERSION = "2026-12-v1"


class Language(StrEnum):
    EN = "en"
    DE = "de"


# the country a phone number without +country code belongs to, per page language
PHONE_REGION = {Language.EN: None, Language.DE: "DE"}


def accepted_languages(header: str) -> list[str]:
    """The primary language tags of an Accept-Language header, best first (q=0 dropped)."""
    ranked: list[tuple[float, int, str]] = []
    for index, part in enumerate(header.split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        params = params.strip()
        if params.startswith("q="):
            try:
                quality = float(params[2:])
            except ValueError:
                quality = 0.0
        tag = tag.strip().split("-")[0].lower()
        if tag and quality > 0:
            ranked.append((-quality, index, tag))
    return [tag for _q, _i, tag in sorted(ranked)]


def pick_language(business_language: str | None, accept_language: str) -> Language:
    if business_language in set(Language):
        return Language(business_language)
    for tag in accepted_languages(accept_language or ""):
        if tag in set(Language):
            return Language(tag)
    return Language.EN


FIELD_PROBLEMS: dict[Language, dict[FieldProblem, str]] = {
    Language.EN: {
        FieldProblem.NAME_MISSING: "Please enter your name.",
        FieldProblem.TOO_LONG: "This is too long.",
        FieldProblem.CONTACT_MISSING: "Please enter your email address or your phone number.",
        FieldProblem.EMAIL_INVALID: "This does not look like an email address (name@example.com).",
        FieldProblem.PHONE_INVALID: "This does not look like a phone number; start with your country code, "
        "e.g. +44 20 7946 0958.",
        FieldProblem.CONSENT_MISSING: "Please agree to the privacy notice to join.",
        FieldProblem.CONTROL_CHARACTERS: "Please remove the special characters.",
    },
    Language.DE: {
        FieldProblem.NAME_MISSING: "Bitte geben Sie Ihren Namen ein.",
        FieldProblem.TOO_LONG: "Das ist zu lang.",
        FieldProblem.CONTACT_MISSING: "Bitte geben Sie Ihre E-Mail-Adresse oder Telefonnummer ein.",
        FieldProblem.EMAIL_INVALID: "Das sieht nicht wie eine E-Mail-Adresse aus (name@beispiel.de).",
        FieldProblem.PHONE_INVALID: "Das sieht nicht wie eine Telefonnummer aus (z. B. 030 1234567 "
        "oder +49 30 1234567).",
        FieldProblem.CONSENT_MISSING: "Bitte stimmen Sie der Datenschutzerklärung zu, um Mitglied zu werden.",
        FieldProblem.CONTROL_CHARACTERS: "Bitte entfernen Sie die Sonderzeichen.",
    },
}

WORDS: dict[Language, dict[str, str]] = {
    Language.EN: {
        "join_title": "Join {business}",
        "join_intro": "Collect stamps with your phone: sign up and show your code at the counter.",
        "name": "Your name",
        "email": "Email address",
        "phone": "Phone number",
        "contact_hint": "Email or phone: one of them is enough.",
        "optional": "optional",
        "referral": "Referral code",
        "consent": "I agree that {business} keeps my name and contact details to run my loyalty card.",
        "privacy": "Privacy notice: {business} keeps your name, email or phone and your stamps to run "
        "the loyalty programme, for as long as you are a member. We never sell them. You can ask "
        "at the counter to see or erase your data at any time.",
        "submit": "Join",
        "errors_intro": "Please check the highlighted fields.",
        "website": "Leave this field empty",
        "card_title": "Your card at {business}",
        "card_intro": "Show this code at the counter to collect your stamps.",
        "qr_label": "Your loyalty code",
        "card_number": "Card number",
        "programs": "Your programmes",
        "progress": "{balance} of {required} stamps",
        "balance": "{balance}",
        "reward": "Reward: {reward}",
        "keep_link": "Bookmark this page: its address is your way back to your card.",
        "add_apple": "Add to Apple Wallet",
        "add_google": "Add to Google Wallet",
        "apple_not_set_up": "Apple Wallet is not set up for this business yet.",
        "google_not_set_up": "Google Wallet is not set up for this business yet.",
        "google_unavailable_title": "Google Wallet is not reachable",
        "google_unavailable_body": "Your card could not be handed to Google Wallet just now. Please try "
        "again in a few minutes; your stamps are safe.",
        "lost_link": "Already a member? Get your card link by email",
        "card_link_title": "Your card link at {business}",
        "card_link_intro": "Enter the email address you joined with; we send the link to your card there.",
        "card_link_submit": "Send my card link",
        "card_link_email_problem": "Please enter your email address (name@example.com).",
        "card_link_sent_title": "Please check your email",
        "card_link_sent_body": "If this email belongs to a card here, we have sent its link. It may take "
        "a few minutes; look in your spam folder too.",
        "card_link_counter_title": "Please ask at the counter",
        "card_link_counter_body": "{business} does not send emails. Please ask at the counter: they can show "
        "you the link to your card.",
        "thanks_title": "Thank you",
        "thanks_body": "Thank you for your interest. Please ask at the counter.",
        "not_found_title": "Page not found",
        "not_found_body": "This link is not valid. Please ask at the counter for a new one.",
        "not_open_title": "Not open yet",
        "not_open_body": "{business} has no loyalty programme running at the moment.",
        "full_title": "Joining here is paused",
        "full_body": "{business} cannot take new members on this page at the moment. "
        "Please ask at the counter: you can join there.",
        "full_sent_title": "Joining here is paused",
        "full_sent_body": "{business} cannot take new members on this page at the moment, so nothing "
        "you typed was kept. Please ask at the counter: you can join there.",
        "too_many_title": "Please wait a moment",
        "too_many_body": "Too many requests came from your network. Please try again in {wait}.",
        "minute_one": "1 minute",
        "minute_many": "{minutes}\u00a0minutes",  # no line break inside "60 minutes"
    },
    Language.DE: {
        "join_title": "Mitglied werden bei {business}",
        "join_intro": "Sammeln Sie Stempel mit Ihrem Handy: melden Sie sich an und zeigen Sie Ihren "
        "Code an der Kasse.",
        "name": "Ihr Name",
        "email": "E-Mail-Adresse",
        "phone": "Telefonnummer",
        "contact_hint": "E-Mail oder Telefon: eins von beiden genügt.",
        "optional": "optional",
        "referral": "Empfehlungscode",
        "consent": "Ich bin einverstanden, dass {business} meinen Namen und meine Kontaktdaten für "
        "meine Treuekarte speichert.",
        "privacy": "Datenschutz: {business} speichert Ihren Namen, Ihre E-Mail oder Telefonnummer und "
        "Ihre Stempel für das Treueprogramm, solange Sie Mitglied sind. Wir verkaufen sie nie. An der "
        "Kasse können Sie jederzeit Auskunft oder Löschung verlangen.",
        "submit": "Mitglied werden",
        "errors_intro": "Bitte prüfen Sie die markierten Felder.",
        "website": "Dieses Feld bitte leer lassen",
        "card_title": "Ihre Karte bei {business}",
        "card_intro": "Zeigen Sie diesen Code an der Kasse, um Stempel zu sammeln.",
        "qr_label": "Ihr Treue-Code",
        "card_number": "Kartennummer",
        "programs": "Ihre Programme",
        "progress": "{balance} von {required} Stempeln",
        "balance": "{balance}",
        "reward": "Prämie: {reward}",
        "keep_link": "Speichern Sie diese Seite als Lesezeichen: ihre Adresse führt Sie zu Ihrer Karte.",
        "add_apple": "Zu Apple Wallet hinzufügen",
        "add_google": "Zu Google Wallet hinzufügen",
        "apple_not_set_up": "Apple Wallet ist für dieses Geschäft noch nicht eingerichtet.",
        "google_not_set_up": "Google Wallet ist für dieses Geschäft noch nicht eingerichtet.",
        "google_unavailable_title": "Google Wallet ist nicht erreichbar",
        "google_unavailable_body": "Ihre Karte konnte gerade nicht an Google Wallet übergeben werden. Bitte "
        "versuchen Sie es in ein paar Minuten erneut; Ihre Stempel sind sicher.",
        "lost_link": "Schon Mitglied? Link zu Ihrer Karte per E-Mail erhalten",
        "card_link_title": "Ihr Karten-Link bei {business}",
        "card_link_intro": "Geben Sie die E-Mail-Adresse ein, mit der Sie sich angemeldet haben; wir senden "
        "den Link zu Ihrer Karte dorthin.",
        "card_link_submit": "Karten-Link senden",
        "card_link_email_problem": "Bitte geben Sie Ihre E-Mail-Adresse ein (name@beispiel.de).",
        "card_link_sent_title": "Bitte sehen Sie in Ihre E-Mails",
        "card_link_sent_body": "Falls diese E-Mail-Adresse zu einer Karte hier gehört, haben wir ihren Link "
        "gesendet. Das kann ein paar Minuten dauern; sehen Sie auch im Spam-Ordner nach.",
        "card_link_counter_title": "Bitte fragen Sie an der Kasse",
        "card_link_counter_body": "{business} versendet keine E-Mails. Bitte fragen Sie an der Kasse: dort "
        "kann man Ihnen den Link zu Ihrer Karte zeigen.",
        "thanks_title": "Vielen Dank",
        "thanks_body": "Vielen Dank für Ihr Interesse. Bitte fragen Sie an der Kasse.",
        "not_found_title": "Seite nicht gefunden",
        "not_found_body": "Dieser Link ist ungültig. Bitte fragen Sie an der Kasse nach einem neuen.",
        "not_open_title": "Noch nicht geöffnet",
        "not_open_body": "{business} hat gerade kein Treueprogramm.",
        "full_title": "Anmelden ist hier gerade nicht möglich",
        "full_body": "{business} kann auf dieser Seite gerade keine neuen Mitglieder aufnehmen. "
        "Fragen Sie bitte an der Kasse: Dort können Sie sich anmelden.",
        "full_sent_title": "Anmelden ist hier gerade nicht möglich",
        "full_sent_body": "{business} kann auf dieser Seite gerade keine neuen Mitglieder aufnehmen, "
        "darum wurde nichts von Ihren Angaben gespeichert. Fragen Sie bitte an der Kasse: "
        "Dort können Sie sich anmelden.",
        "too_many_title": "Bitte warten Sie einen Moment",
        "too_many_body": "Aus Ihrem Netz kamen zu viele Anfragen. Bitte versuchen Sie es in {wait} erneut.",
        "minute_one": "einer Minute",
        "minute_many": "{minutes}\u00a0Minuten",
    },
}


def words(language: Language) -> dict[str, str]:
    return WORDS[language]
