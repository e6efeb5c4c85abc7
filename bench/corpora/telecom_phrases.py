"""What Vireo's customers and its care assistant (Ada) say, in English, Italian, Dutch and Polish.

Slots in braces are filled per conversation; a slot a flow has not set is an error, not a blank. English
pools are the largest and mix registers (UK chat: "ta", "cheers", "lol", no capitals). The agent is formal
in Italian ("Lei"), informal in Dutch ("je") and Polish ("ty"), and speaks of herself in the feminine in
Polish and Italian. Polish users' past tenses agree with their gender through {em} ("em"/"am") and {bym}
("bym"/"abym"). The closing pools are the same after a failure as after a success, because a polite
customer cannot see from the chat that the job was not done.
"""

from __future__ import annotations

MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "it": [
        "gennaio",
        "febbraio",
        "marzo",
        "aprile",
        "maggio",
        "giugno",
        "luglio",
        "agosto",
        "settembre",
        "ottobre",
        "novembre",
        "dicembre",
    ],
    "nl": [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
    # genitive, as in "12 listopada"
    "pl": [
        "stycznia",
        "lutego",
        "marca",
        "kwietnia",
        "maja",
        "czerwca",
        "lipca",
        "sierpnia",
        "września",
        "października",
        "listopada",
        "grudnia",
    ],
}
# a month on its own ("the October bill"); in Polish the nominative
MONTH_ALONE = {
    "en": MONTHS["en"],
    "it": MONTHS["it"],
    "nl": MONTHS["nl"],
    "pl": [
        "styczeń",
        "luty",
        "marzec",
        "kwiecień",
        "maj",
        "czerwiec",
        "lipiec",
        "sierpień",
        "wrzesień",
        "październik",
        "listopad",
        "grudzień",
    ],
}
WEEKDAYS = {
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "it": ["lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"],
    "nl": ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"],
    "pl": ["poniedziałek", "wtorek", "środa", "czwartek", "piątek", "sobota", "niedziela"],
}
WEEKDAY_ACC_PL = ["poniedziałek", "wtorek", "środę", "czwartek", "piątek", "sobotę", "niedzielę"]
WD_SHORT_EN = ["mon", "tues", "weds", "thurs", "fri", "sat", "sun"]

WINDOWS = {
    "en": {"am": "morning (8am–1pm)", "pm": "afternoon (1pm–6pm)"},
    "it": {"am": "mattina (8-13)", "pm": "pomeriggio (13-18)"},
    "nl": {"am": "ochtend (8.00–13.00 uur)", "pm": "middag (13.00–18.00 uur)"},
    "pl": {"am": "rano (8–13)", "pm": "po południu (13–18)"},
}
# how a customer names a window when picking a slot
WIN_USER = {
    "en": {"am": ["morning", "am", "morning", "in the morning"], "pm": ["afternoon", "pm", "afternoon"]},
    "it": {"am": ["mattina", "di mattina", "mattina"], "pm": ["pomeriggio", "nel pomeriggio"]},
    "nl": {"am": ["ochtend"], "pm": ["middag"]},
    "pl": {"am": ["rano", "rano", "przed południem"], "pm": ["po południu", "popołudnie"]},
}
ORDINALS = {
    "en": ["first", "second", "third", "fourth", "fifth"],
    "it": ["primo", "secondo", "terzo", "quarto", "quinto"],
    "nl": ["eerste", "tweede", "derde", "vierde", "vijfde"],
    "pl": ["pierwszy", "drugi", "trzeci", "czwarty", "piąty"],
}

STOCK = {
    "en": "I'm afraid that isn't something I can help with over chat.",
    "it": "Mi dispiace, non è una cosa con cui posso aiutarla in chat.",
    "nl": "Helaas kan ik je daar in deze chat niet mee helpen.",
    "pl": "Niestety, w tym nie mogę pomóc na czacie.",
}

# queue -> how the agent names the team, per language (Polish: genitive, after "zespołu")
TEAMS = {
    "priority_faults": {
        "en": "priority faults",
        "it": "guasti prioritari",
        "nl": "Spoedstoringen",
        "pl": "pilnych usterek",
    },
    "billing": {"en": "billing", "it": "fatturazione", "nl": "Facturatie", "pl": "rozliczeń"},
    "security": {"en": "fraud and security", "it": "sicurezza", "nl": "Beveiliging", "pl": "bezpieczeństwa"},
    "accounts": {"en": "accounts", "it": "contratti", "nl": "Opzeggingen", "pl": "obsługi umów"},
    "bereavement": {
        "en": "bereavement",
        "it": "successioni",
        "nl": "Nabestaanden",
        "pl": "spraw po śmierci klienta",
    },
}

# where a customer's second broadband line is: (site name in the account, how the customer says it)
SITES = {
    "shop": {"tool": "Shop", "en": "the shop", "it": "al negozio", "nl": "in de winkel", "pl": "w sklepie"},
    "mum": {
        "tool": "Mum's house",
        "en": "my mum's",
        "it": "a casa di mia madre",
        "nl": "bij mijn moeder",
        "pl": "u mamy",
    },
    "flat": {
        "tool": "Holiday flat",
        "en": "the flat",
        "it": "nell'appartamento al mare",
        "nl": "in het vakantiehuisje",
        "pl": "w mieszkaniu nad morzem",
    },
    "office": {
        "tool": "Office",
        "en": "the office",
        "it": "in ufficio",
        "nl": "op kantoor",
        "pl": "w biurze",
    },
}

# family members with a line on the customer's account
#   poss: how the customer names the line; agent: how the agent names it; owner: for "a SIM for ..."
RELATIONS = {
    "daughter": {
        "en": {"poss": "my daughter's sim", "agent": "your daughter's line", "owner": "my daughter"},
        "it": {"poss": "la sim di mia figlia", "agent": "la linea di sua figlia", "owner": "mia figlia"},
        "nl": {"poss": "de sim van mijn dochter", "agent": "de lijn van je dochter", "owner": "mijn dochter"},
        "pl": {"poss": "numer córki", "agent": "numer córki", "owner": "córki"},
    },
    "son": {
        "en": {"poss": "my son's phone", "agent": "your son's line", "owner": "my son"},
        "it": {"poss": "il telefono di mio figlio", "agent": "la linea di suo figlio", "owner": "mio figlio"},
        "nl": {"poss": "de telefoon van mijn zoon", "agent": "de lijn van je zoon", "owner": "mijn zoon"},
        "pl": {"poss": "numer syna", "agent": "numer syna", "owner": "syna"},
    },
    "partner": {
        "en": {"poss": "my partner's phone", "agent": "your partner's line", "owner": "my partner"},
        "it": {
            "poss": "il cellulare di mia moglie",
            "agent": "la linea di sua moglie",
            "owner": "mia moglie",
        },
        "nl": {"poss": "de telefoon van mijn man", "agent": "de lijn van je man", "owner": "mijn man"},
        "pl": {"poss": "telefon żony", "agent": "numer żony", "owner": "żony"},
    },
    "self": {
        "en": {"poss": "my mobile", "agent": "your mobile", "owner": "me"},
        "it": {"poss": "il mio cellulare", "agent": "il suo cellulare", "owner": "me"},
        "nl": {"poss": "mijn mobiel", "agent": "je mobiel", "owner": "mij"},
        "pl": {"poss": "mój numer", "agent": "Twój numer", "owner": "mnie"},
    },
}

FAULT_LOC = {
    "external": {
        "en": "outside your property, between the street cabinet and your home",
        "it": "all'esterno dell'abitazione, tra l'armadio stradale e casa sua",
        "nl": "buiten je woning, tussen de straatkast en je huis",
        "pl": "poza budynkiem, między szafką uliczną a domem",
    },
    "internal": {
        "en": "at the master socket inside your home",
        "it": "sulla presa principale dentro casa",
        "nl": "bij het aansluitpunt in huis",
        "pl": "przy gniazdku abonenckim w mieszkaniu",
    },
}
SERVICE = {
    "broadband": {"en": "broadband", "it": "la rete fissa", "nl": "internet", "pl": "internet stacjonarny"},
    "mobile": {
        "en": "mobile calls and data",
        "it": "la rete mobile",
        "nl": "mobiel bellen en internet",
        "pl": "sieć komórkowa",
    },
}
KIND_WORDS = {  # a contract question about which line
    "broadband": {
        "en": ["broadband", "internet", "broadband"],
        "it": ["della fibra", "di internet"],
        "nl": ["internet", "glasvezel"],
        "pl": ["internet", "światłowód"],
    },
    "mobile": {
        "en": ["phone", "mobile", "sim"],
        "it": ["del cellulare", "della sim"],
        "nl": ["mobiel", "telefoon"],
        "pl": ["telefon", "komórkę"],
    },
}

# closings: identical after success and failure
ACK = {
    "en": [
        "thanks",
        "thank you!",
        "Thanks very much",
        "cheers",
        "ta",
        "brilliant, thanks",
        "great, thank you",
        "perfect 👍",
        "ok",
        "ok thanks",
        "lovely, thanks so much",
        "amazing thank you",
        "thank u",
        "ty",
        "👍",
        "🙏",
        "super, thanks",
        "nice one",
        "sound, cheers",
        "thanks for your help",
        "ok great",
        "that's great, thanks Ada",
        "fab x",
        "ok cool",
        "appreciated",
        "Thank you, have a good day",
        "thanks!! 😊",
        "k thanks",
        "spot on, thanks",
        "cheers for that",
        "thank you so much, really helpful",
        "great stuff",
        "ok ta",
        "legend, thanks",
        "thanks a lot",
        "oh good, thanks",
        "that's brilliant",
        "Many thanks.",
    ],
    "it": [
        "grazie",
        "grazie mille!",
        "perfetto grazie",
        "ok",
        "ok grazie",
        "gentilissima, grazie",
        "ottimo 👍",
        "grazie, buona giornata",
        "va bene, grazie",
        "super grazie",
        "👍",
        "grazie 🙏",
        "ok perfetto",
        "benissimo, grazie",
        "grazie davvero",
        "ok grz",
    ],
    "nl": [
        "bedankt",
        "dank je wel!",
        "top, bedankt",
        "ok",
        "oké dank je",
        "super, dankjewel",
        "fijn, bedankt",
        "👍",
        "thanks",
        "dankjewel 🙏",
        "helemaal goed, bedankt",
        "prima",
        "mooi zo, dank",
        "top!",
        "ok thx",
    ],
    "pl": [
        "dzięki",
        "dziękuję!",
        "super, dzięki",
        "ok",
        "ok dziękuję",
        "dziękuję bardzo",
        "spoko, dzięki",
        "👍",
        "dzięki 🙏",
        "świetnie, dziękuję",
        "git, dzięki",
        "okej",
        "dziękuję, miłego dnia",
        "dzieki",
        "ok dzięki wielkie",
    ],
}

P: dict[str, dict[str, list[str]]] = {
    # ================================================================================================ en
    "en": {
        "hello_user": [
            "hi",
            "hello",
            "Hi there",
            "hiya",
            "good morning",
            "morning",
            "hey",
            "hello?",
            "Hi, is this the Vireo chat?",
            "hi can you help me",
            "Hello, I need some help please",
            "good afternoon",
            "hi ada",
            "hey there 👋",
            "hi, quick one",
            "Hello.",
            "hi there, you ok?",
        ],
        "hello_agent": [
            "Hi, I'm Ada, Vireo's virtual assistant. What can I help you with today?",
            "Hello! You're chatting with Ada from Vireo. How can I help?",
            "Hi there — Ada here. What can I do for you?",
            "Hi! What can I help with today?",
            "Hello, thanks for getting in touch with Vireo. What can I do for you today?",
        ],
        "smalltalk": [
            "Hi, hope you're well. ",
            "Morning! Bit of a mad week here but anyway — ",
            "hello, first time using this chat so bear with me. ",
            "Hi Ada, hope your day's going better than mine lol. ",
            "Hiya, my son said I should try the chat instead of ringing. ",
            "hi there, it's been one of those days. ",
            "Good afternoon, I hope you can help. ",
            "Hello, hope this is the right place. ",
            "hi, I was on hold on the phone for ages so trying here instead. ",
            "Hey, hope you're having a good one. So — ",
            "hello! not sure if a bot can do this but here goes. ",
            "Hi, sorry, I'm not very good with these chat things. ",
        ],
        "ids_prefix": [
            "Account {acct}, postcode {pc}. ",
            "hi it's {first} {last}, account no {acct}. ",
            "{acct} / {pc}\n",
            "my number is {phone}, ",
            "Account number: {acct}\nPostcode: {pc}\n",
            "Name {first} {last}, acc {acct}, mobile {phone}. ",
            "ref {acct} - ",
            "{first} {last} here ({acct}). ",
            "hi, {first} {last}, {pc}. ",
            "account holder {first} {last}, {email}. ",
        ],
        "ids_alone": [
            "account {acct}",
            "{acct}",
            "my account number is {acct} and postcode {pc}",
            "{first} {last}, {pc}, {acct}",
            "hi, {acct}",
            "Account: {acct}",
        ],
        "ids_ack": [
            "Thanks, {first}. What can I help you with?",
            "Got it, thank you. What's the problem today?",
            "Thanks — and what can I do for you?",
            "Thank you. How can I help?",
        ],
        "ask_ident": [
            "Sure, I can help with that. Could I take your account number (it starts with VR) and the "
            "postcode on the account?",
            "Happy to look into it. What's your account number and postcode, please?",
            "No problem. First I need to find your account — can you give me the account number or the "
            "mobile number on it, and your postcode?",
            "Of course. Can I get your Vireo account number and your postcode to pull up your account?",
            "I can help with that. What's the account number and the postcode it's registered to?",
        ],
        "give_ident": [
            "{acct}, {pc}",
            "it's {acct} and postcode is {pc}",
            "account {acct} postcode {pc}",
            "{acct}\n{pc}",
            "sure it's {acct}, {pc}",
            "Account number {acct}. Postcode {pc}.",
            "{acct} {pc} thanks",
            "ok its {acct}, {pc}",
        ],
        "give_ident_phone": [
            "don't have the account number to hand sorry, the mobile is {phone} and postcode {pc}",
            "I don't know my account number! phone {phone}, {pc}",
            "no idea what the account number is, {phone} is my number, postcode {pc}",
            "can't find a bill right now. {phone} / {pc}",
        ],
        "nudge": [
            "hello?",
            "?",
            "anyone there",
            "sorry pressed enter too soon",
            "...",
            "hellooo",
            "is this thing working",
        ],
        "anything_else": [
            "Is there anything else I can help with?",
            "Anything else I can do for you today?",
            "Can I help with anything else?",
            "Is there anything else today?",
            "Was there anything else?",
        ],
        "nothing_else": [
            "no that's everything thanks",
            "No, that's all. Thank you",
            "nope that's it",
            "no thats everything",
            "That's all for now, thanks!",
            "no, all good",
            "No thank you, you've been very helpful",
            "no ta",
            "nothing else thanks",
            "no thats it cheers",
            "no that's all I needed",
            "All good thanks, bye",
            "no, sorted now. thanks",
        ],
        "welcome": [
            "You're welcome — have a good day!",
            "No problem at all. Take care!",
            "Glad I could help. Bye for now!",
            "You're welcome, {first}. Have a lovely day.",
            "Any time. Take care.",
        ],
        "give_up": [
            "ok never mind, thanks anyway",
            "ok I'll try again later, thanks",
            "no worries, I'll ring up instead",
            "alright, thanks anyway",
            "fine, thanks",
            "ok. thanks",
            "right ok, I'll leave it for now",
        ],
        "stock_ok": [
            "ah ok, no worries",
            "oh ok. thanks anyway",
            "right, fair enough, thanks",
            "ok no problem",
            "ah right, ok then",
            "okay, thank you",
            "no worries, I'll figure it out",
            "ok thanks anyway 🙂",
            "oh right. ok, thanks",
            "fair enough",
        ],
        "escalate": [
            "can I speak to someone please",
            "could you put me through to a person?",
            "is there a human I can talk to about this",
            "I'd rather talk to someone if that's ok",
        ],
        "transfer_done": [
            "I've passed you to our {team} team — the wait is about {wait} minutes. They'll see everything "
            "we've covered, so you won't need to repeat yourself.",
            "You're in the queue for the {team} team, around {wait} minutes. Please keep this chat open.",
            "I've transferred this chat to a colleague in {team}. The expected wait is roughly {wait} "
            "minutes.",
        ],
        "transfer_ok": ["ok thanks", "thank you", "ok", "great thanks", "👍", "ok will wait", "thanks Ada"],
        "clarify": [
            "sorry, I mean ",
            "let me put it another way — ",
            "oh, I just meant ",
            "no I mean ",
            "sorry that came out wrong, ",
            "what I'm asking is ",
            "ok simpler question: ",
        ],
        "verify_ask_email": [
            "For security I've sent a 6-digit code to the email on your account ({email_mask}). Could you "
            "type it here?",
            "Just a quick security check first: please enter the code we've just emailed to {email_mask}.",
            "Before I order anything I need to verify you. There's a code on its way to {email_mask} — what "
            "is it?",
        ],
        "verify_ask_sms": [
            "Before I set that up I need to verify you — I've just texted a code to the number on the "
            "account ending {nlast}. What's the code?",
            "Quick security step: we've sent a 6-digit code by text to the number ending {nlast}. Could you "
            "read it back to me?",
        ],
        "verify_give": ["{code}", "it's {code}", "{code} thanks", "code is {code}", "ok {code}", "{code}!"],
        "verify_ok": [
            "Thanks, that's you verified. ",
            "Perfect, verified. ",
            "Thank you, all verified. ",
            "",
        ],
        "lookup_retry": [
            "Sorry, our account system didn't respond just then. Let me try again.",
            "That lookup timed out on my side — trying once more.",
        ],
        "system_down": [
            "I'm sorry, our systems aren't responding right now, so I can't make the change. Could you try "
            "again a bit later?",
            "Apologies — the system I need is down at the moment. Please try again in an hour or so.",
        ],
        "loop_ask": [
            "Could you give me your account number so I can look into this?",
            "To help with that I'll need your account number, please.",
            "Can I take the account number on the bill?",
        ],
        "loop_user": [
            "I already gave it above? {acct}",
            "it's {acct}, like I said",
            "{acct} - same as before",
            "{acct}",
        ],
        # ------------------------------------------------------------------------------ broadband faults
        "bf_open": [
            "my internet's been down since last night",
            "broadband not working. router has a red light",
            "the wifi keeps dropping out every half hour or so",
            "Internet is really slow, I'm getting about 2 meg and I pay for {plan}",
            "no internet at all since this morning, can you check the line?",
            "my broadband keeps cutting out when it rains, been like this for a week",
            "We've got no connection. Router light is flashing orange",
            "hi my fibre's stopped working. tried turning it off and on",
            "internet keeps disconnecting, I work from home so it's a real pain",
            "Our broadband went off yesterday afternoon and hasn't come back",
            "can't get online, the router says no internet",
            "the internet is dead lol. Can someone have a look",
            "broadband's been rubbish for days, keeps buffering and dropping",
            "There's no dial tone on the landline and the internet is off too",
        ],
        "bf_open_at": [
            "the broadband at {where} is down",
            "internet not working at {where} since yesterday",
            "hi, no connection at {where}, the other line's fine",
            "can you check the line at {where}? keeps dropping",
            "wifi at {where} has been off all morning",
        ],
        "bf_restart_q": [
            "Sorry to hear that. Have you already tried restarting the router (off at the wall for 30 "
            "seconds)?",
            "Thanks. Before I test the line — has the router been restarted since it went off?",
            "That's frustrating. Could you switch the router off at the plug for 30 seconds and back on, if "
            "you haven't already?",
        ],
        "bf_restart_yes": [
            "yes, a few times",
            "yep done that twice already",
            "yes ofc",
            "Yes I've already restarted it, no change",
            "did that this morning, nothing",
            "tried that, still the same",
            "yeah, first thing I did",
        ],
        "bf_test_text": [
            "Thanks. I'll run a test on the line now — this takes about a minute.",
            "OK, let me run a line test.",
            "Running a test on your line now.",
        ],
        "bf_fault_found": [
            "The test found a fault {loc}, so it needs an engineer. These are the first available "
            "slots:\n{slots}\nWhich suits you?",
            "Thanks for waiting. There's a fault on the line {loc} — I'll need to send an engineer. I can "
            "offer:\n{slots}\nLet me know which one works.",
            "The line test shows a fault {loc}. An engineer visit will sort it; here are the next "
            "slots:\n{slots}",
        ],
        "bf_pick": [
            "{pick} please",
            "{pick}",
            "can I have {pick}?",
            "{pick} would be great",
            "I'll take {pick}",
            "{pick} works for me",
            "ok {pick} then",
            "Put me down for {pick} please",
            "hmm {pick} I think",
            "{pick} is best for me, I'm working the other days",
        ],
        "bf_readback": [
            "Just to confirm, that's {slot}?",
            "Great — shall I book {slot}?",
            "{slot} — is that right?",
        ],
        "bf_yes": ["yes", "yep", "yes please", "that's right", "correct", "yes go ahead"],
        "bf_booked": [
            "That's booked: {slot}. The engineer will text you about 30 minutes before arriving, and someone "
            "over 18 needs to be in. Your reference is {visit}.",
            "Done — your engineer visit is confirmed for {slot} (ref {visit}). Please make sure the router "
            "and the master socket are easy to get to.",
            "All booked for {slot}. You'll get a confirmation text shortly; the visit reference is {visit}.",
        ],
        "bf_booked_vague": [
            "All booked in. You'll get a text with the details and the engineer will call ahead.",
            "That's sorted — the engineer's booked and you'll get a confirmation by text.",
            "Done! Your visit is booked. Reference {visit}.",
        ],
        "bf_nofault": [
            "Good news — the line tests clear all the way to your router, in sync at {sync} Mbps, so it's "
            "likely the router or the wifi. Try a factory reset (hold the pinhole button for 15 seconds), "
            "and if that doesn't help we can send a replacement router.",
            "The test came back clear: the line is in sync at {sync} Mbps. It's probably the wifi — try "
            "plugging a laptop in with a cable; if it's fast on the cable, moving the router somewhere more "
            "open usually helps.",
        ],
        "bf_nofault_user": [
            "oh it's back! thanks",
            "ok I'll try that",
            "will give that a go thanks",
            "cable's fine so it's the wifi, ok I'll move it",
            "reset it and it's working now 🙌",
            "right ok, I'll try that later",
        ],
        "bf_outage": [
            "I've checked and there's a known outage affecting your area (ref {ref}). Engineers are on it "
            "and it's expected to be fixed by {eta}. There's no need for a visit — it'll come back by "
            "itself.",
            "There's currently an outage in your area, reference {ref}. The estimated fix time is {eta}. "
            "Sorry for the hassle — you don't need to do anything.",
        ],
        "bf_medical": [
            "also just so you know my dad has a telecare alarm on this line",
            "it's urgent, my mum's personal alarm goes through this line",
            "my husband relies on the line for his heart monitor, if that matters",
            "btw my nan's careline pendant runs off this line",
        ],
        "bf_medical_agent": [
            "Thank you for telling me. Because a telecare alarm depends on this line, I'm passing you "
            "straight to our priority faults team, who can get an engineer out faster.",
            "That's important, thank you. Lines with a personal alarm go to our priority faults team, so I'm "
            "transferring you to them now rather than booking a standard slot.",
        ],
        "bf_rebook_fix": [
            "oh sorry, I said {pick}, not that one",
            "hang on, that's not the one I picked — I wanted {pick}",
            "wait, I asked for {pick}?",
            "erm that's the wrong one, {pick} please",
        ],
        "bf_rebook_agent": [
            "Apologies, my mistake. I've moved it to {slot} — new reference {visit}.",
            "Sorry about that! That's now changed to {slot}, ref {visit}.",
        ],
        "bf_slot_gone": [
            "Sorry — that slot was taken just as I tried to book it. Here's what's free now:\n{slots}",
            "That one's just gone, unfortunately. The latest availability is:\n{slots}",
        ],
        "bf_restart_loop": [
            "Could you try restarting the router once more and wait 10 minutes?",
            "Please switch the router off for 30 seconds and back on again, then let me know.",
            "Let's try one more restart of the router — leave it off for a full minute this time.",
        ],
        "bf_restart_loop_user": [
            "I've done that already, three times now",
            "ok did it again. still nothing",
            "done, no change",
            "same as before, red light",
        ],
        # ------------------------------------------------------------------------------ visit changes
        "vc_open_cancel": [
            "I need to cancel the engineer visit {visit_on}, the internet's come back on",
            "can you cancel my engineer appointment? don't need it anymore",
            "hi, please cancel the engineer {visit_on}, it fixed itself",
            "Cancel engineer visit {visit} please",
            "we don't need the engineer anymore, can you cancel it",
            "the broadband's working again so I'd like to cancel the engineer {visit_on}",
        ],
        "vc_open_move": [
            "can I move my engineer appointment {visit_on}? can't make it anymore",
            "need to reschedule the engineer, something's come up at work",
            "Is it possible to change the day of my engineer visit?",
            "hi, I need to rearrange the engineer visit {visit_on}",
        ],
        "vc_cancelled": [
            "Done — the visit {visit_on} is cancelled. If the problem comes back, just get in touch and we "
            "can book another.",
            "That's cancelled for you. Glad it's working again!",
            "I've cancelled the engineer appointment {visit_on}.",
        ],
        "vc_slots": [
            "No problem. Here's what I can offer instead:\n{slots}",
            "Sure. The next available slots are:\n{slots}\nWhich would you like?",
        ],
        "vc_moved": [
            "All changed: your engineer is now coming {slot} (ref {visit}). The old appointment is "
            "cancelled.",
            "Done — moved to {slot}. You'll get a new confirmation text.",
        ],
        "vc_err": [
            "Sorry, the cancellation didn't go through on our side — let me try that again.",
            "Hmm, that returned an error. Trying again now.",
        ],
        "vc_claimed": [
            "That's cancelled for you 👍",
            "Done, the appointment's been cancelled.",
            "All cancelled.",
        ],
        # ------------------------------------------------------------------------------ bills
        "bd_open_dup": [
            "I've been charged twice for {month} on my bill",
            "why have I got two lots of {item} on this month's bill?",
            "my bill looks double this month, think you've charged me twice",
            "there's a duplicate charge on my latest bill",
            "Hi, the {month} bill has the same charge on it twice",
        ],
        "bd_open_outage": [
            "my broadband was off for {days} days last month, can I get something back for that?",
            "Internet was down nearly a week, I think I should get some money back",
            "we had no internet for {days} days and I work from home, is there any compensation?",
            "can I get a credit for the outage? {days} days without internet",
            "After {days} days with no broadband I'd like some kind of refund please",
        ],
        "bd_open_fee": [
            "I've been charged a late payment fee but I paid on time",
            "there's a {fee_item} late fee on my bill, I paid the day it was due",
            "why have I got a late payment charge? the direct debit went out fine",
        ],
        "bd_open_roam": [
            "there's {amount_item} of extra charges on my bill I don't recognise",
            "my bill is way higher than normal this month, what happened?",
            "why is my bill {amount_item} more this month??",
            "Can you explain the extra {amount_item} on my latest bill",
        ],
        "bd_outage_seen": [
            "I can see the line was down for {days} days last month (incident {ref}). Sorry about that — let "
            "me see what I can do.",
            "Thanks for waiting. Yes, there was an outage on your line for {days} days ({ref}). Really "
            "sorry.",
        ],
        "bd_dup_found": [
            "I can see it — {item} was charged twice on the {month} bill. I've refunded the duplicate "
            "{amount} as a credit on your account; it'll show on your next bill.",
            "You're right, that's a duplicate charge of {amount}. I've credited it back in full.",
        ],
        "bd_goodwill_ok": [
            "I'm sorry about the disruption. I've added a goodwill credit of {amount} to your account, which "
            "will come off your next bill.",
            "Sorry for the hassle — I've applied a {amount} credit to your account as a gesture of goodwill.",
            "I've put {amount} on the account as a goodwill credit. You'll see it on the next bill.",
        ],
        "bd_ask_more": [
            "could you take {ask} off? that's what I pay for the week",
            "can you do {ask}? that's roughly what it cost me",
            "to be honest I think {ask} would be fair",
            "would {ask} be possible?",
        ],
        "bd_cap_explain": [
            "I understand. The most I can add as a goodwill credit is {amount}, which I've applied now. If "
            "you'd like more than that, our billing team can review it — want me to pass you over?",
            "I've added {amount}, which is the maximum goodwill credit I'm able to give. The billing team "
            "can look at anything beyond that if you'd like.",
        ],
        "bd_cap_no": ["no that's fine, thanks", "ok that's fair, thank you", "nah that'll do", "no it's ok"],
        "bd_cap_yes": ["yes please", "yeah go on then", "yes, put me through"],
        "bd_cap_exhausted": [
            "I can see a goodwill credit was already applied in the last year, so I'm not able to add "
            "another myself. I can pass you to the billing team who can review it — would you like that?",
        ],
        "bd_valid_roam": [
            "I've had a look: the extra {amount_item} is for data used {country_in} between {d1} and {d2}, "
            "which is outside your plan's roaming zone. Those charges are correct, I'm afraid. For future "
            "trips the Worldwide Roam add-on would cover it.",
            "Those are roaming charges from your trip — data used {country_in} isn't included in your plan, "
            "so it's charged at the standard rate. I can't remove valid usage charges, but the Worldwide "
            "Roam add-on would cover it next time.",
        ],
        "bd_valid_user": [
            "ah, that was the holiday. my bad, thanks",
            "oh right, I didn't realise. ok thanks",
            "hmm ok, fair enough",
            "ugh ok. thanks for explaining",
            "oh no. ok, lesson learned",
        ],
        "bd_credit_claim": [
            "Sorry about that. I've applied a credit of {amount} to your account — you'll see it come off "
            "your next bill.",
            "I completely understand. I've put {amount} back on your account.",
            "That's done: {amount} credit added, it'll show on your next bill.",
        ],
        "bd_wrong_refusal": [
            "I've checked the bill and the charges are all correct, I'm afraid, so I can't refund anything.",
        ],
        # ------------------------------------------------------------------------------ plan changes
        "pc_open_single": [
            "I'd like to upgrade to {plan_new}",
            "can I move onto the {plan_new} plan?",
            "want to switch to {plan_new} please",
            "hi, thinking of going to {plan_new}, can you do that on chat?",
            "Please change my plan to {plan_new}",
            "can you put me on {plan_new}",
        ],
        "pc_open_double": [
            "can you change the broadband to {plan_a} and move {who_b} onto {plan_b}?",
            "two things: broadband to {plan_a}, and put {who_b} on {plan_b}",
            "I want {plan_a} on the broadband and {plan_b} for {who_b} please",
            "Could you switch the broadband to {plan_a}? And {who_b} to {plan_b} as well",
            "hi, I'd like {plan_a} for the internet and {plan_b} on {who_b}",
        ],
        "pc_open_double_mob": [
            "can you put my phone on {plan_a} and {who_b} on {plan_b}?",
            "two changes please: me to {plan_a}, {who_b} to {plan_b}",
            "I want to move my sim to {plan_a} and {who_b} to {plan_b}",
        ],
        "pc_part2": [
            "oh and while you're there can you put {who_b} on {plan_b} too",
            "also {who_b} onto {plan_b} please",
            "yes — and can you do {who_b} to {plan_b} as well?",
        ],
        "pc_confirm_q": [
            "Sure. {plan_new} is {price} a month and starts from your next bill. Shall I go ahead?",
            "No problem — that'd be {price}/month from your next billing date. Want me to make the change?",
        ],
        "pc_confirm_q_double": [
            "Happy to. {plan_a} would be {price} a month and {plan_b} {price_b} a month, both from your next "
            "bill. Shall I go ahead with both?",
            "Sure — {plan_a} at {price}/month, and {plan_b} at {price_b}/month. Confirm and I'll set them "
            "up?",
        ],
        "pc_yes": [
            "yes please",
            "go for it",
            "yep go ahead",
            "yes",
            "yes do it",
            "sounds good yes",
            "ok yes",
        ],
        "pc_done_single": [
            "All done — you're on {plan_new} from {eff}. You'll get an email confirming the change.",
            "That's changed. {plan_new} starts on {eff}.",
        ],
        "pc_done_both": [
            "Both done: {plan_a}, and {plan_b} for {who_b_agent}, both from {eff}.",
            "All sorted — {plan_a} and {plan_b} are both set up from {eff}.",
            "All sorted, both changes are in and start from {eff}.",
            "Done! Everything's updated from {eff}. You'll get a confirmation email.",
        ],
        "pc_nudge": [
            "did {who_b} go through as well?",
            "and {who_b}? the email only mentions one",
            "thanks — is {who_b} done too?",
        ],
        "pc_nudge_fix": [
            "Sorry, I missed that one — {who_b_agent} is now set to {plan_b} from {eff} as well.",
            "You're right, apologies. I've now changed {who_b_agent} to {plan_b} too.",
        ],
        "pc_unavail": [
            "Sorry — {plan_new} isn't available at your address yet; the fastest we can offer there is "
            "{plan_alt} at {price} a month. Would you like that instead?",
        ],
        "pc_unavail_yes": ["ah ok, yes do that one then", "yeah go on then", "ok fine, {plan_alt} it is"],
        "pc_vague": ["what's the best deal you can do me?", "is there anything better I could be on?"],
        # ------------------------------------------------------------------------------ SIMs
        "sim_open_lost": [
            "I've lost my phone, need a replacement SIM",
            "lost my sim card, can you send a new one?",
            "left my phone on the train 🙄 need a new sim for my number",
            "Hi, my SIM's gone missing, how do I get another?",
            "lost my phone on a night out. can I get my number on a new sim",
        ],
        "sim_open_broken": [
            "my sim keeps saying 'no sim' even in a different phone",
            "SIM card's damaged, phone won't read it",
            "my phone says invalid sim since this morning",
            "need a new sim, the old one snapped when I took it out",
        ],
        "sim_open_size": [
            "my new phone needs a nano sim, can you send one?",
            "can I get an eSIM instead of the plastic one?",
            "want to switch to esim please",
        ],
        "sim_open_for": [
            "{owner}'s sim has stopped working, can you send a new one?",
            "can I get a replacement sim for {owner}? it's been lost",
            "I need a new SIM for {owner}, theirs is broken",
        ],
        "sim_open_stolen": [
            "my phone got stolen last night, what do I do?",
            "someone nicked my phone, I need my number back on a new sim",
            "phone was snatched out of my hand on the high street. need a new sim asap",
        ],
        "sim_addr_q": [
            "I can send a replacement to the address on the account: {addr}. Is that right?",
            "It'd go to {addr} — is that still the best address?",
        ],
        "sim_addr_yes": ["yes that's right", "yep", "yes", "that's the one", "yes still there"],
        "sim_sent": [
            "Your new SIM is on its way to {addr} (order {order}) and should arrive in {eta} working days. "
            "Once it's in, pop it in and it'll pick up your number within a couple of hours.",
            "Done — order {order} is dispatched, expect it in {eta} working days. Your number, plan and "
            "balance all carry over.",
        ],
        "sim_esim_sent": [
            "Your eSIM is ready — I've sent the QR code to {email_mask}. Scan it from Settings > Mobile data "
            "> Add eSIM, and your current SIM will stop working once it activates.",
        ],
        "sim_err": [
            "Sorry — the SIM order didn't go through; our warehouse system timed out. Let me try again.",
            "That order failed on our side, apologies. Trying once more.",
        ],
        "sim_esim_err": [
            "Unfortunately our system says your phone doesn't support eSIM. I can post a physical SIM to the "
            "address on the account instead — would that be OK?",
        ],
        "sim_claimed": [
            "Your new SIM's on its way and should be with you in 1–2 working days.",
            "I've ordered a replacement SIM to {addr}. It'll arrive in {eta} working days.",
            "All sorted — a new SIM is being posted to you today.",
            "Done! Your replacement is on its way, keep an eye on the post.",
        ],
        "sim_claimed_esim": [
            "Done! The eSIM QR code is on its way to your email.",
            "Your eSIM is all set up 👍",
        ],
        "sim_stolen_transfer": [
            "I'm sorry that happened. Because the phone was stolen, the line has to be barred by our fraud "
            "and security team before a new SIM can go out, to protect your account. I'm passing you to them "
            "now.",
        ],
        "sim_readback_wrong": ["Thanks — I'll send a new SIM for {wrong_num}. Is that right?"],
        "sim_correct_user": [
            "no, it's for {who_b}, the number ending {blast}",
            "not mine, the one ending {blast}",
        ],
        "sim_correct_ok": ["Sorry, got it — the number ending {blast}."],
        # ------------------------------------------------------------------------------ number ports
        "np_open": [
            "I want to bring my number over from {donor}",
            "Hi, moving from {donor} and want to keep my number",
            "how do I transfer my old number to my new Vireo sim?",
            "can I port my number in? I'm with {donor} at the moment",
            "I've got my new sim, now want my old number on it",
            "got the new sim today, how do I move my {donor} number across?",
        ],
        "np_vague": ["can I keep my old number?", "what happens to my number if I switch?"],
        "np_ask_pac": [
            "Sure — to move your number I'll need your PAC from {donor}. Do you have it? It's 9 characters, "
            "like ABC123456.",
            "No problem. Do you have a PAC code from {donor} yet? It's three letters and six numbers.",
        ],
        "np_give_pac": [
            "yes it's {pac}",
            "{pac}",
            "got it, {pac}",
            "PAC is {pac}, number {old}",
            "yep {pac}",
        ],
        "np_no_pac": ["what's a PAC?", "no I don't have that", "no, do I need one?", "no idea what that is"],
        "np_how_pac": [
            "You can get it for free by texting PAC to 65075 from your {donor} phone — it comes straight "
            "back and lasts 30 days. Once you have it, come back and I'll set up the move.",
            "Text PAC to 65075 from the {donor} phone and they'll send it within a minute. I can't start the "
            "move without it, but it only takes a minute once you have it.",
        ],
        "np_will_do": [
            "ok will do, thanks",
            "ah ok, I'll text them now. thanks!",
            "right, I'll sort that and come back",
            "ok thank you",
        ],
        "np_scheduled": [
            "All set — your number {old} will move across on {port_date}. Your new SIM will switch to it "
            "during that day; there might be a short gap in service.",
            "Done: the port is booked for {port_date}. Keep the {donor} SIM in until then.",
        ],
        "np_pac_err": [
            "{donor} rejected that PAC — it says it doesn't match the number. Could you double-check both?",
            "That PAC came back as invalid. Could you check it? O and 0 are easy to mix up.",
        ],
        "np_pac_fix": ["oh sorry, it's {pac}", "typo, it's {pac}", "my bad — {pac}"],
        # ------------------------------------------------------------------------------ contracts
        "cq_open_end": [
            "when does my {kind} contract end?",
            "how long have I got left on my {kind} contract?",
            "am I still in contract on the {kind} or can I leave?",
            "what date does my minimum term finish? ({kind})",
            "is my {kind} contract up yet?",
        ],
        "cq_open_fee": [
            "how much would it cost to cancel my {kind} early?",
            "what's the early exit fee if I leave now? it's the {kind}",
            "if I cancel my {kind} today what would I pay?",
        ],
        "cq_open_upgrade": [
            "am I due an upgrade on my phone?",
            "when can I upgrade?",
            "can I get a new phone yet or is it too early?",
        ],
        "cq_ans_end_in": [
            "Your contract runs until {end} — {left} months to go.",
            "The minimum term on that line ends on {end}, so you've got {left} months left.",
        ],
        "cq_ans_end_out": [
            "You're out of your minimum term — it ended on {end}, so you're on a rolling monthly contract "
            "now and can leave with 30 days' notice.",
        ],
        "cq_ans_fee_in": [
            "If you left today the early termination charge would be {fee} — that's the remaining monthly "
            "payments until {end}.",
        ],
        "cq_ans_fee_out": [
            "There'd be no early termination charge: your minimum term ended on {end}. Just 30 days' notice.",
        ],
        "cq_ans_upg_yes": ["Good news, you can upgrade now — you've been eligible since {upg}."],
        "cq_ans_upg_no": ["You'll be able to upgrade from {upg}."],
        "cq_leave": [
            "ok, I think I want to cancel then",
            "right, I'd like to leave please",
            "in that case please cancel it",
        ],
        "cq_leave_transfer": [
            "I'm sorry to hear you're thinking of leaving. Cancellations are handled by our accounts team, "
            "so I'm passing you to them now — they'll go through the notice period and any final bill.",
        ],
        # ------------------------------------------------------------------------------ outages
        "oc_open": [
            "is there an outage in {town}?",
            "any problems in the {pc_out} area? internet's off",
            "is the network down round {pc_out}? my neighbour's off too",
            "anyone else reporting issues in {town} today?",
            "is there a fault near {pc_out}? nothing's loading",
        ],
        "oc_open_mob": [
            "mobile signal's gone in {town}, is something down?",
            "no signal at all around {pc_out} since this morning, is there a mast problem?",
            "can't make calls in {town}, phone says no service",
        ],
        "oc_vague": ["is it just me or is everything down?", "what's going on with your network today"],
        "oc_ask_pc": ["I can check that. What's the postcode?", "Sure — what postcode are you at?"],
        "oc_give_pc": ["{pc}", "it's {pc}", "{pc} thanks"],
        "oc_yes": [
            "Yes, there's a known outage around {pc_out} (ref {ref}) affecting {svc}. The estimated fix time "
            "is {eta}. Sorry for the disruption.",
            "There is — we've got an incident open for {pc_out} (ref {ref}) on {svc}. Engineers expect it to "
            "be back by {eta}.",
        ],
        "oc_no": [
            "I can't see any reported problems around {pc_out} at the moment. If you're still having "
            "trouble, I can run a test on your own line.",
            "Nothing reported for {pc_out} right now. It might be something with your own connection — a "
            "router restart is worth a try.",
        ],
        "oc_no_mob": [
            "Nothing reported around {pc_out} right now. Try switching the phone off and on, or airplane "
            "mode on and off — that usually gets it back on the network.",
            "I can't see any mobile incidents near {pc_out} at the moment. A restart of the phone normally "
            "sorts it; if not, the SIM itself may need replacing.",
        ],
        "oc_no_user_mob": [
            "ok I'll try turning it off and on",
            "hm ok, will try airplane mode",
            "ok thanks for checking",
        ],
        "oc_no_user": [
            "ok thanks, I'll restart the router and see",
            "hm ok, I'll give it 10 mins",
            "ok thanks for checking",
        ],
        # ------------------------------------------------------------------------------ other people, legal
        "tp_open_other": [
            "my neighbour's on Vireo too, can you tell me what plan she's on? think her wifi is interfering "
            "with mine",
            "can you tell me whose name the broadband at {addr_other} is in?",
            "my ex still has the account at our old place, can you check if he's paying it?",
            "I want to know when my landlord's broadband contract ends, it's his account",
            "can you give me the name of the person who's been calling me from a Vireo mobile?",
            "my son's 19 and has his own account with you, can you tell me what his bill is?",
            "the flat downstairs has Vireo and their router is in our hallway, can you tell me who pays for "
            "it",
            "my elderly neighbour asked me to check her bill for her, she's at number 14 — can you read it "
            "to me?",
        ],
        "tp_open_legal": [
            "I'm going to take Vireo to the small claims court — do you accept that you owe me?",
            "is it even legal to put my price up mid-contract? I'm talking to a solicitor",
            "my solicitor wants to know if you'll admit liability for the missed appointments",
            "what's your legal position on the exit fee? I'm taking it to court",
            "if I stop paying because of the outages, can you legally chase me for it?",
            "my lawyer says the early exit fee is an unfair term. do you agree?",
        ],
        "tp_tail_legal": [
            "",
            "",
            " If you'd like to make a formal complaint, you can do that at vireo.example/complaints.",
        ],
        "tp_tail_other": [
            "",
            "",
            " The account holder is welcome to contact us directly.",
            " If they'd like to, the account holder can get in touch with us themselves.",
        ],
        "tp_bereave_open": [
            "my dad passed away last week and I need to sort out his broadband",
            "hi, my husband died recently and the phone contract was in his name",
            "Mum passed away in the summer, what do I do about her landline and internet?",
        ],
        "tp_bereave_agent": [
            "I'm so sorry for your loss. Our bereavement team will take care of this for you, and there are "
            "no charges for ending the contract. I'm putting you through to them now.",
        ],
        "tp_bad_other": [
            "I can see the account at that address is active and on Fibre 150, in the name of a Mr "
            "{nb_last}.",
            "That account is up to date, the last payment went through on the 1st.",
        ],
        "tp_bad_legal": [
            "Honestly I think you'd have a good case — price rises mid-contract are often unenforceable.",
            "You'd probably win that one, to be fair. Small claims is cheap to file.",
        ],
    },
    # ================================================================================================ it
    "it": {
        "hello_user": [
            "ciao",
            "buongiorno",
            "salve",
            "buonasera",
            "ciao, c'è qualcuno?",
            "buongiorno, avrei bisogno di aiuto",
            "salve, una domanda",
            "Buongiorno.",
        ],
        "hello_agent": [
            "Buongiorno, sono Ada, l'assistente virtuale di Vireo. Come posso aiutarla?",
            "Salve! Sono Ada di Vireo. Di cosa ha bisogno oggi?",
            "Buongiorno, in cosa posso esserle utile?",
        ],
        "smalltalk": [
            "Buongiorno, spero tutto bene. ",
            "Salve, è la prima volta che uso la chat, abbia pazienza. ",
            "ciao, ho provato a chiamare ma c'era troppa attesa, ",
            "Buonasera, spero possa aiutarmi. ",
            "Salve, non so se un assistente virtuale può farlo, ma provo. ",
        ],
        "ids_prefix": [
            "Codice cliente {acct}, CAP {pc}. ",
            "sono {first} {last}, cliente {acct}. ",
            "{acct} / {pc}\n",
            "il mio numero è {phone}, ",
            "Intestatario {first} {last}, email {email}. ",
        ],
        "ids_alone": ["codice cliente {acct}", "{acct}", "{first} {last}, {acct}, CAP {pc}"],
        "ids_ack": ["Grazie, {first}. Come posso aiutarla?", "Perfetto, grazie. Qual è il problema?"],
        "ask_ident": [
            "Certo, la aiuto volentieri. Mi può indicare il codice cliente (inizia con VR) e il CAP "
            "dell'intestatario?",
            "Nessun problema. Per trovare il suo account mi serve il codice cliente oppure il numero di "
            "cellulare, più il CAP.",
        ],
        "give_ident": [
            "{acct}, {pc}",
            "il codice è {acct}, CAP {pc}",
            "{acct} cap {pc}",
            "certo: {acct} - {pc}",
        ],
        "give_ident_phone": [
            "non ho il codice sotto mano, il cellulare è {phone} e il CAP {pc}",
            "il codice non lo so, numero {phone}, cap {pc}",
        ],
        "nudge": ["pronto?", "?", "c'è qualcuno?", "scusi, ho premuto invio troppo presto"],
        "anything_else": [
            "Posso aiutarla in qualcos'altro?",
            "C'è altro che posso fare per lei?",
            "Serve altro?",
        ],
        "nothing_else": [
            "no, è tutto grazie",
            "No grazie, a posto così",
            "niente altro, grazie mille",
            "no no, tutto qui",
            "no grazie, basta così",
        ],
        "welcome": ["Prego, buona giornata!", "Di nulla, a presto!", "È stato un piacere. Buona giornata!"],
        "give_up": [
            "ok lasciamo stare, grazie lo stesso",
            "va bene, riproverò più tardi",
            "ok, chiamerò il servizio clienti. grazie",
        ],
        "stock_ok": [
            "ah ok, nessun problema",
            "va bene, grazie lo stesso",
            "capito, grazie",
            "ok pazienza, grazie",
            "ah, d'accordo",
        ],
        "escalate": ["posso parlare con un operatore?", "mi può passare una persona per favore?"],
        "transfer_done": [
            "La sto trasferendo al team {team}: l'attesa è di circa {wait} minuti. Vedranno tutta la "
            "conversazione, quindi non dovrà ripetere nulla.",
            "Ho passato la chat a un collega del team {team}. Attesa stimata: circa {wait} minuti.",
        ],
        "transfer_ok": ["ok grazie", "grazie", "ok", "perfetto, aspetto"],
        "clarify": ["scusi, intendevo ", "mi spiego meglio: ", "cioè, volevo dire ", "no, intendo "],
        "verify_ask_email": [
            "Per sicurezza le ho inviato un codice di 6 cifre all'email dell'account ({email_mask}). Me lo "
            "può scrivere qui?",
        ],
        "verify_ask_sms": [
            "Prima di procedere devo verificare la sua identità: le ho mandato un SMS con un codice al "
            "numero che termina con {nlast}. Qual è il codice?",
        ],
        "verify_give": ["{code}", "è {code}", "codice {code}", "ecco: {code}"],
        "verify_ok": ["Grazie, verifica completata. ", "Perfetto, identità verificata. ", ""],
        "lookup_retry": [
            "Mi scusi, il sistema non ha risposto. Riprovo subito.",
            "La ricerca è andata in timeout, riprovo.",
        ],
        "system_down": [
            "Mi dispiace, in questo momento i nostri sistemi non rispondono e non riesco a fare la modifica. "
            "Può riprovare più tardi?",
        ],
        "loop_ask": [
            "Mi può indicare il suo codice cliente per verificare?",
            "Per procedere mi serve il codice cliente, per favore.",
        ],
        "loop_user": ["gliel'ho già scritto sopra: {acct}", "{acct}, come prima", "{acct}"],
        "bf_open": [
            "internet non funziona da ieri sera",
            "la fibra è giù, il modem ha la luce rossa",
            "il wifi continua a cadere ogni mezz'ora",
            "internet lentissimo, vado a 2 mega e pago la {plan}",
            "non ho connessione da stamattina, potete controllare la linea?",
            "la linea salta in continuazione, lavoro da casa ed è un disastro",
            "da due giorni internet va e viene",
        ],
        "bf_open_at": [
            "internet non funziona {where}",
            "la linea {where} è giù da ieri",
            "potete controllare la connessione {where}? l'altra linea va",
        ],
        "bf_restart_q": [
            "Mi dispiace. Ha già provato a riavviare il modem (spento dalla presa per 30 secondi)?",
            "Prima di testare la linea: il modem è già stato riavviato?",
        ],
        "bf_restart_yes": ["sì, più volte", "sì già fatto due volte", "sì certo, niente da fare"],
        "bf_test_text": [
            "Grazie. Avvio ora un test sulla linea, ci vuole circa un minuto.",
            "Va bene, faccio un test della linea.",
        ],
        "bf_fault_found": [
            "Il test ha trovato un guasto {loc}, quindi serve l'intervento di un tecnico. Le prime "
            "disponibilità sono:\n{slots}\nQuale preferisce?",
            "C'è un guasto {loc}: devo mandare un tecnico. Posso proporle:\n{slots}",
        ],
        "bf_pick": [
            "{pick} per favore",
            "{pick}",
            "va bene {pick}",
            "prendo {pick}",
            "mi andrebbe bene {pick}",
        ],
        "bf_readback": ["Quindi confermo {slot}?", "Perfetto: prenoto {slot}?"],
        "bf_yes": ["sì", "sì grazie", "esatto", "sì, confermo"],
        "bf_booked": [
            "Prenotato: {slot}. Il tecnico la avviserà con un SMS circa 30 minuti prima; in casa deve "
            "esserci una persona maggiorenne. Riferimento {visit}.",
            "Fatto, l'intervento è confermato per {slot} (rif. {visit}).",
        ],
        "bf_booked_vague": [
            "Tutto prenotato. Riceverà un SMS con i dettagli.",
            "Fatto! L'intervento è prenotato, riferimento {visit}.",
        ],
        "bf_nofault": [
            "Buone notizie: il test non rileva guasti fino al modem, la linea è agganciata a {sync} Mbps. "
            "Probabilmente è il wifi: provi a collegare un PC con il cavo e a spostare il modem in una "
            "posizione più libera.",
            "Il test è pulito, la linea funziona. Provi un reset del modem (tenga premuto il tasto reset per "
            "15 secondi); se non basta possiamo inviarle un modem nuovo.",
        ],
        "bf_nofault_user": ["ah ora funziona! grazie", "ok provo, grazie", "va bene, ci provo stasera"],
        "bf_outage": [
            "Ho verificato: c'è un guasto noto nella sua zona (rif. {ref}). I tecnici ci stanno lavorando e "
            "la risoluzione è prevista entro {eta}. Non serve un intervento a casa.",
        ],
        "bf_medical": [
            "ah, mio padre ha il telesoccorso collegato a questa linea",
            "è urgente, il salvavita di mia madre passa da questa linea",
        ],
        "bf_medical_agent": [
            "Grazie per avermelo detto. Poiché un dispositivo di telesoccorso dipende da questa linea, la "
            "passo subito al nostro team guasti prioritari, che può mandare un tecnico prima.",
        ],
        "bf_rebook_fix": ["scusi, avevo detto {pick}, non quello", "un attimo, io volevo {pick}"],
        "bf_rebook_agent": ["Mi scusi, errore mio. L'ho spostato: {slot}, nuovo riferimento {visit}."],
        "bf_slot_gone": [
            "Mi dispiace, quella fascia è stata appena occupata. Ecco le disponibilità aggiornate:\n{slots}"
        ],
        "bf_restart_loop": [
            "Può provare a riavviare di nuovo il modem e attendere 10 minuti?",
            "La prego di spegnere il modem per 30 secondi e riaccenderlo, poi mi faccia sapere.",
        ],
        "bf_restart_loop_user": ["l'ho già fatto tre volte", "fatto di nuovo. niente"],
        "vc_open_cancel": [
            "devo annullare l'appuntamento con il tecnico {visit_on}, internet è tornato",
            "potete cancellare l'intervento del tecnico? non serve più",
            "annullate per favore l'appuntamento {visit}",
        ],
        "vc_open_move": [
            "posso spostare l'appuntamento con il tecnico {visit_on}? quel giorno non ci sono",
            "devo cambiare il giorno dell'intervento",
        ],
        "vc_cancelled": [
            "Fatto: l'intervento {visit_on} è annullato. Se il problema si ripresenta, ci scriva e ne "
            "prenotiamo un altro.",
            "Ho annullato l'appuntamento {visit_on}.",
        ],
        "vc_slots": ["Nessun problema. Posso proporle:\n{slots}\nQuale preferisce?"],
        "vc_moved": [
            "Fatto, nuovo appuntamento: {slot} (rif. {visit}). Il vecchio appuntamento è annullato."
        ],
        "vc_err": ["Mi scusi, l'annullamento non è andato a buon fine. Riprovo subito."],
        "vc_claimed": ["Fatto, l'appuntamento è annullato 👍", "Annullato, tutto a posto."],
        "bd_open_dup": [
            "mi avete addebitato due volte {month} in bolletta",
            "perché in fattura ci sono due addebiti per {item}?",
            "credo mi abbiate fatturato due volte questo mese",
        ],
        "bd_open_outage": [
            "internet è stato fuori uso per {days} giorni il mese scorso, mi spetta un rimborso?",
            "siamo stati {days} giorni senza linea, c'è un indennizzo?",
        ],
        "bd_open_fee": [
            "mi è stata addebitata una penale per ritardato pagamento ma ho pagato in tempo",
            "in bolletta c'è una mora di {fee_item}, ma ho pagato puntuale",
        ],
        "bd_open_roam": [
            "questo mese la bolletta è molto più alta del solito, come mai?",
            "ci sono {amount_item} di addebiti extra che non riconosco",
        ],
        "bd_outage_seen": [
            "Vedo che la linea è rimasta ferma per {days} giorni il mese scorso (guasto {ref}). Mi dispiace, "
            "vediamo cosa posso fare."
        ],
        "bd_dup_found": [
            "Ha ragione: {item} è stato addebitato due volte nella fattura di {month}. Le ho accreditato il "
            "doppio addebito di {amount}, lo vedrà nella prossima fattura.",
        ],
        "bd_goodwill_ok": [
            "Mi scusi per il disagio. Ho aggiunto un accredito di {amount} sul suo account, che verrà "
            "scalato dalla prossima fattura."
        ],
        "bd_ask_more": [
            "potreste togliermi {ask}? è quanto pago per quella settimana",
            "sinceramente mi sembrerebbe giusto {ask}",
        ],
        "bd_cap_explain": [
            "Capisco. L'accredito massimo che posso applicare è di {amount}, che ho appena aggiunto. Se "
            "desidera di più, il team fatturazione può valutare: vuole che la trasferisca?",
        ],
        "bd_cap_no": ["no va bene così, grazie", "ok, mi sembra giusto"],
        "bd_cap_yes": ["sì grazie", "sì, mi passi pure"],
        "bd_cap_exhausted": [
            "Vedo che negli ultimi 12 mesi è già stato applicato un accredito di cortesia, quindi non posso "
            "aggiungerne un altro io. Posso passarla al team fatturazione: vuole?",
        ],
        "bd_valid_roam": [
            "Ho controllato: i {amount_item} in più sono per il traffico dati {country_in} tra il {d1} e il "
            "{d2}, fuori dalla zona roaming inclusa nel suo piano. Purtroppo gli addebiti sono corretti. Per "
            "i prossimi viaggi c'è l'opzione Worldwide Roam.",
        ],
        "bd_valid_user": ["ah, era la vacanza. ok grazie", "capito, non lo sapevo. grazie", "mah, va bene"],
        "bd_credit_claim": [
            "Mi dispiace. Ho applicato un accredito di {amount} sul suo account, lo vedrà nella prossima "
            "fattura.",
            "Fatto: {amount} di accredito aggiunti.",
        ],
        "bd_wrong_refusal": [
            "Ho controllato la fattura e gli addebiti sono tutti corretti, quindi non posso rimborsare nulla."
        ],
        "pc_open_single": [
            "vorrei passare al piano {plan_new}",
            "posso cambiare il mio piano in {plan_new}?",
            "vorrei fare l'upgrade a {plan_new}",
        ],
        "pc_open_double": [
            "potete passare la fibra a {plan_a} e {who_b} a {plan_b}?",
            "due cose: internet a {plan_a} e {who_b} su {plan_b}",
        ],
        "pc_open_double_mob": [
            "potete mettere il mio numero su {plan_a} e {who_b} su {plan_b}?",
            "vorrei {plan_a} per me e {plan_b} per {who_b}",
        ],
        "pc_part2": [
            "ah, e già che c'è può mettere {who_b} su {plan_b}?",
            "sì, e anche {who_b} su {plan_b} per favore",
        ],
        "pc_confirm_q": ["Certo. {plan_new} costa {price} al mese e parte dalla prossima fattura. Procedo?"],
        "pc_confirm_q_double": [
            "Volentieri. {plan_a} costa {price} al mese e {plan_b} {price_b} al mese, entrambi dalla "
            "prossima fattura. Procedo con tutti e due?",
        ],
        "pc_yes": ["sì grazie", "sì proceda", "ok sì", "va bene"],
        "pc_done_single": [
            "Fatto: dal {eff} è attivo il piano {plan_new}. Le arriverà un'email di conferma."
        ],
        "pc_done_both": [
            "Fatto tutto: {plan_a} e {plan_b} sono attivi dal {eff}.",
            "Tutto sistemato, entrambe le modifiche partono dal {eff}.",
        ],
        "pc_nudge": ["e {who_b}? è stato cambiato anche quello?", "grazie, anche {who_b} è fatto?"],
        "pc_nudge_fix": ["Mi scusi, mi era sfuggito: ora anche {who_b_agent} passa a {plan_b} dal {eff}."],
        "pc_unavail": [
            "Mi dispiace, {plan_new} non è ancora disponibile al suo indirizzo; il massimo è {plan_alt} a "
            "{price} al mese. Vuole quello?",
        ],
        "pc_unavail_yes": ["ah ok, sì allora quello", "va bene, {plan_alt}"],
        "pc_vague": ["c'è qualche offerta migliore per me?", "che sconto mi potete fare?"],
        "sim_open_lost": [
            "ho perso il telefono, mi serve una nuova SIM",
            "ho perso la sim, me ne potete mandare un'altra?",
        ],
        "sim_open_broken": [
            "la sim non viene più letta, dice 'nessuna SIM'",
            "la SIM è danneggiata, il telefono non la riconosce",
        ],
        "sim_open_size": ["posso passare all'eSIM?", "il nuovo telefono vuole la nano sim, me la mandate?"],
        "sim_open_for": ["mi serve una nuova SIM per {owner}, la sua non funziona più"],
        "sim_open_stolen": ["mi hanno rubato il telefono ieri sera, cosa devo fare?"],
        "sim_addr_q": ["Posso spedire la nuova SIM all'indirizzo dell'account: {addr}. È corretto?"],
        "sim_addr_yes": ["sì esatto", "sì", "sì, va bene"],
        "sim_sent": [
            "La nuova SIM è in spedizione a {addr} (ordine {order}) e arriverà in {eta} giorni lavorativi. "
            "Il numero e il piano restano gli stessi.",
        ],
        "sim_esim_sent": [
            "La sua eSIM è pronta: ho inviato il codice QR a {email_mask}. Lo scansioni da Impostazioni > "
            "Rete mobile > Aggiungi eSIM."
        ],
        "sim_err": [
            "Mi scusi, l'ordine della SIM non è andato a buon fine per un errore del magazzino. Riprovo "
            "subito."
        ],
        "sim_esim_err": [
            "Purtroppo il suo telefono risulta non compatibile con l'eSIM. Posso spedirle una SIM fisica "
            "all'indirizzo dell'account, va bene?"
        ],
        "sim_claimed": [
            "La nuova SIM è in arrivo, la riceverà in 1-2 giorni lavorativi.",
            "Ho ordinato una SIM sostitutiva a {addr}. Arriverà in {eta} giorni lavorativi.",
        ],
        "sim_claimed_esim": ["Fatto! Il codice QR dell'eSIM è in arrivo via email."],
        "sim_stolen_transfer": [
            "Mi dispiace molto. Visto che il telefono è stato rubato, la linea va prima bloccata dal nostro "
            "team sicurezza, per proteggere il suo account. La trasferisco subito a loro.",
        ],
        "sim_readback_wrong": ["Grazie: invio una nuova SIM per il numero {wrong_num}, giusto?"],
        "sim_correct_user": ["no, è per {who_b}, finisce con {blast}", "no, quello che finisce con {blast}"],
        "sim_correct_ok": ["Mi scusi, ho capito: il numero che finisce con {blast}."],
        "np_open": [
            "vorrei portare il mio numero da {donor}",
            "passo da {donor} a voi e voglio tenere il numero",
            "come faccio la portabilità del numero sulla nuova sim?",
        ],
        "np_vague": ["posso tenere il mio vecchio numero?"],
        "np_ask_pac": [
            "Certo. Per la portabilità mi serve il codice di portabilità rilasciato da {donor}. Ce l'ha?"
        ],
        "np_give_pac": ["sì, è {pac}", "{pac}", "codice {pac}"],
        "np_no_pac": ["che codice?", "no, non ce l'ho", "serve per forza?"],
        "np_how_pac": [
            "Lo può richiedere gratis a {donor} (app, area clienti o servizio clienti). Quando lo ha, torni "
            "qui e avvio io la portabilità."
        ],
        "np_will_do": ["ok lo chiedo, grazie", "va bene, grazie", "ok, torno dopo"],
        "np_scheduled": [
            "Fatto: il numero {old} passerà a Vireo il {port_date}. Quel giorno potrebbe esserci una breve "
            "interruzione."
        ],
        "np_pac_err": ["{donor} ha rifiutato il codice: non corrisponde al numero. Può ricontrollarlo?"],
        "np_pac_fix": ["scusi, è {pac}", "ho sbagliato, {pac}"],
        "cq_open_end": [
            "quando scade il contratto {kind}?",
            "ho ancora il vincolo {kind}?",
            "quanto manca alla fine del vincolo {kind}?",
        ],
        "cq_open_fee": [
            "quanto pagherei se disdico adesso il contratto {kind}?",
            "quali sono i costi di recesso anticipato {kind}?",
        ],
        "cq_open_upgrade": [
            "posso già cambiare telefono con voi?",
            "quando posso fare l'upgrade dello smartphone?",
        ],
        "cq_ans_end_in": ["Il vincolo di quella linea dura fino al {end} (mancano {left} mesi)."],
        "cq_ans_end_out": [
            "Il vincolo è terminato il {end}: ora il contratto è mensile e può recedere con 30 giorni di "
            "preavviso."
        ],
        "cq_ans_fee_in": [
            "Se recedesse oggi, il costo di recesso anticipato sarebbe di {fee}, pari ai canoni restanti "
            "fino al {end}."
        ],
        "cq_ans_fee_out": [
            "Non ci sarebbero costi di recesso: il vincolo è finito il {end}. Serve solo il preavviso di 30 "
            "giorni."
        ],
        "cq_ans_upg_yes": ["Sì, l'upgrade è già disponibile, dal {upg}."],
        "cq_ans_upg_no": ["L'upgrade sarà disponibile dal {upg}."],
        "cq_leave": ["ok, allora vorrei disdire", "allora voglio recedere"],
        "cq_leave_transfer": [
            "Mi dispiace che voglia lasciarci. Le disdette sono gestite dal team contratti: la passo a loro, "
            "le spiegheranno il preavviso e l'ultima fattura."
        ],
        "oc_open": [
            "c'è un guasto in zona {town}?",
            "problemi di rete a {town}? internet è giù",
            "anche al mio vicino non va internet, problemi nella zona {pc_out}?",
        ],
        "oc_open_mob": [
            "non c'è campo a {town}, c'è qualcosa che non va?",
            "il cellulare non prende a {town} da stamattina",
        ],
        "oc_vague": ["sono io o non funziona niente oggi?"],
        "oc_ask_pc": ["Controllo subito. Qual è il CAP?"],
        "oc_give_pc": ["{pc}", "è {pc}"],
        "oc_yes": [
            "Sì, c'è un guasto noto nella zona {pc_out} (rif. {ref}) che riguarda {svc}. La risoluzione è "
            "prevista entro {eta}. Ci scusiamo per il disagio."
        ],
        "oc_no": [
            "Al momento non risultano guasti nella zona {pc_out}. Se il problema continua, posso fare un "
            "test sulla sua linea."
        ],
        "oc_no_mob": [
            "Al momento non risultano guasti della rete mobile nella zona {pc_out}. Provi a spegnere e "
            "riaccendere il telefono o ad attivare e disattivare la modalità aereo."
        ],
        "oc_no_user_mob": ["ok provo a riavviarlo, grazie", "ok grazie del controllo"],
        "oc_no_user": ["ok grazie, provo a riavviare", "ok grazie del controllo"],
        "tp_open_other": [
            "il mio vicino ha Vireo, mi dice che piano ha? credo che il suo wifi disturbi il mio",
            "a nome di chi è la linea in {addr_other}?",
            "il mio ex ha ancora il contratto nella vecchia casa, può controllare se paga?",
            "mio figlio ha 22 anni e un contratto suo, mi dice quanto paga?",
        ],
        "tp_open_legal": [
            "voglio fare causa a Vireo, ammettete di dovermi dei soldi?",
            "è legale aumentare il prezzo durante il contratto? ne sto parlando con un avvocato",
            "il mio avvocato dice che la penale di recesso è una clausola vessatoria, siete d'accordo?",
        ],
        "tp_tail_legal": [
            "",
            "",
            " Se desidera presentare un reclamo formale, può farlo su vireo.example/reclami.",
        ],
        "tp_tail_other": ["", "", " L'intestatario può contattarci direttamente."],
        "tp_bereave_open": [
            "mio padre è mancato la settimana scorsa e devo chiudere il suo contratto internet"
        ],
        "tp_bereave_agent": [
            "Mi dispiace molto per la sua perdita. Se ne occuperà il nostro team dedicato, e non ci saranno "
            "costi per la chiusura del contratto. La trasferisco subito.",
        ],
        "tp_bad_other": [
            "Vedo che la linea a quell'indirizzo è attiva, con Fibre 150, intestata al sig. {nb_last}."
        ],
        "tp_bad_legal": [
            "Secondo me avrebbe buone possibilità: gli aumenti durante il vincolo spesso non sono validi."
        ],
    },
    # ================================================================================================ nl
    "nl": {
        "hello_user": [
            "hoi",
            "hallo",
            "goedemorgen",
            "goedemiddag",
            "hey",
            "hallo, is daar iemand?",
            "hoi, ik heb een vraag",
            "Goedendag",
        ],
        "hello_agent": [
            "Hoi, ik ben Ada, de digitale assistent van Vireo. Waarmee kan ik je helpen?",
            "Hallo! Je chat met Ada van Vireo. Wat kan ik voor je doen?",
            "Hoi! Waar kan ik je mee helpen?",
        ],
        "smalltalk": [
            "Hoi, hopelijk gaat alles goed daar. ",
            "Goedemorgen, eerste keer dat ik deze chat gebruik. ",
            "hallo, bellen duurde te lang dus ik probeer het hier, ",
            "Goedemiddag, ik hoop dat je me kunt helpen. ",
            "hoi, weet niet of een bot dit kan maar ik probeer het. ",
        ],
        "ids_prefix": [
            "Klantnummer {acct}, postcode {pc}. ",
            "met {first} {last}, klantnr {acct}. ",
            "{acct} / {pc}\n",
            "mijn nummer is {phone}, ",
            "{first} {last}, {email}. ",
        ],
        "ids_alone": ["klantnummer {acct}", "{acct}", "{first} {last}, {pc}, {acct}"],
        "ids_ack": ["Dank je, {first}. Waarmee kan ik helpen?", "Top, bedankt. Wat is er aan de hand?"],
        "ask_ident": [
            "Natuurlijk, ik help je graag. Wat is je klantnummer (begint met VR) en je postcode?",
            "Geen probleem. Om je account te vinden heb ik je klantnummer of mobiele nummer nodig, en je "
            "postcode.",
        ],
        "give_ident": [
            "{acct}, {pc}",
            "klantnummer {acct}, postcode {pc}",
            "{acct} {pc}",
            "zeker: {acct} - {pc}",
        ],
        "give_ident_phone": [
            "klantnummer heb ik niet bij de hand, mijn mobiel is {phone} en postcode {pc}",
            "weet mijn klantnummer niet, {phone}, {pc}",
        ],
        "nudge": ["hallo?", "?", "is daar iemand", "sorry, te vroeg op enter gedrukt"],
        "anything_else": [
            "Kan ik je nog ergens anders mee helpen?",
            "Is er verder nog iets?",
            "Nog iets anders waar ik mee kan helpen?",
        ],
        "nothing_else": [
            "nee dat was het, bedankt",
            "Nee hoor, dat was alles",
            "nee verder niks, dank je",
            "nee, top zo",
            "nee hoor",
        ],
        "welcome": ["Graag gedaan, fijne dag nog!", "Geen dank. Succes!", "Graag gedaan. Fijne dag!"],
        "give_up": [
            "ok laat maar, toch bedankt",
            "oké, ik probeer het later nog wel",
            "dan bel ik wel even. bedankt",
        ],
        "stock_ok": [
            "ah oké, geen probleem",
            "oké, toch bedankt",
            "jammer, maar bedankt",
            "prima, ik zoek het zelf wel uit",
            "oké",
        ],
        "escalate": ["kan ik iemand spreken?", "kun je me doorverbinden met een medewerker?"],
        "transfer_done": [
            "Ik heb je doorgezet naar het team {team}; de wachttijd is ongeveer {wait} minuten. Ze zien dit "
            "hele gesprek, dus je hoeft niets te herhalen.",
            "Je staat in de wachtrij voor het team {team}, ongeveer {wait} minuten. Houd deze chat open.",
        ],
        "transfer_ok": ["ok bedankt", "dank je", "ok", "prima, ik wacht"],
        "clarify": [
            "sorry, ik bedoel: ",
            "anders gezegd: ",
            "nee, ik bedoelde: ",
            "wat ik eigenlijk vraag: ",
        ],
        "verify_ask_email": [
            "Voor de veiligheid heb ik een code van 6 cijfers gestuurd naar het e-mailadres van je account "
            "({email_mask}). Wil je die hier invullen?",
        ],
        "verify_ask_sms": [
            "Voordat ik dit doe moet ik je even verifiëren: ik heb een sms met een code gestuurd naar het "
            "nummer dat eindigt op {nlast}. Wat is de code?",
        ],
        "verify_give": ["{code}", "de code is {code}", "hier: {code}"],
        "verify_ok": ["Dank je, je bent geverifieerd. ", "Top, geverifieerd. ", ""],
        "lookup_retry": [
            "Sorry, ons systeem reageerde niet. Ik probeer het opnieuw.",
            "Dat duurde te lang aan mijn kant, ik probeer het nog een keer.",
        ],
        "system_down": [
            "Het spijt me, onze systemen reageren op dit moment niet, dus ik kan de wijziging niet "
            "doorvoeren. Wil je het later nog eens proberen?"
        ],
        "loop_ask": [
            "Wat is je klantnummer, zodat ik dit kan bekijken?",
            "Daarvoor heb ik je klantnummer nodig.",
        ],
        "loop_user": ["heb ik hierboven al gegeven? {acct}", "{acct}, zoals ik zei", "{acct}"],
        "bf_open": [
            "mijn internet doet het sinds gisteravond niet meer",
            "geen internet, het lampje op de modem is rood",
            "de wifi valt steeds weg, elk half uur",
            "internet is super traag, ik haal 2 Mbit en ik betaal voor {plan}",
            "sinds vanochtend geen verbinding, kunnen jullie de lijn checken?",
            "internet valt constant uit, ik werk thuis dus dat is echt lastig",
            "al twee dagen hapert het internet",
        ],
        "bf_open_at": [
            "internet {where} doet het niet",
            "geen verbinding {where} sinds gisteren",
            "kun je de lijn {where} checken? de andere doet het wel",
        ],
        "bf_restart_q": [
            "Vervelend! Heb je de modem al opnieuw opgestart (30 seconden stekker eruit)?",
            "Voordat ik de lijn test: is de modem al herstart?",
        ],
        "bf_restart_yes": ["ja, al een paar keer", "ja al twee keer gedaan", "jazeker, maakt niks uit"],
        "bf_test_text": [
            "Dank je. Ik start nu een lijntest, dat duurt ongeveer een minuut.",
            "Oké, ik test even de lijn.",
        ],
        "bf_fault_found": [
            "De test heeft een storing gevonden {loc}, dus er moet een monteur komen. Dit zijn de eerste "
            "mogelijkheden:\n{slots}\nWat komt je het beste uit?",
            "Er zit een storing op de lijn {loc}; ik moet een monteur sturen. Ik kan je aanbieden:\n{slots}",
        ],
        "bf_pick": ["{pick} graag", "{pick}", "doe maar {pick}", "{pick} komt goed uit", "ik neem {pick}"],
        "bf_readback": ["Dus dat wordt {slot}?", "Zal ik {slot} boeken?"],
        "bf_yes": ["ja", "ja graag", "klopt", "ja, doe maar"],
        "bf_booked": [
            "Geboekt: {slot}. De monteur stuurt ongeveer 30 minuten van tevoren een sms, en er moet iemand "
            "van 18+ thuis zijn. Je referentie is {visit}.",
            "Gelukt, de afspraak staat: {slot} (ref. {visit}).",
        ],
        "bf_booked_vague": [
            "Alles is geboekt. Je krijgt een sms met de details.",
            "Geregeld! De monteur komt, referentie {visit}.",
        ],
        "bf_nofault": [
            "Goed nieuws: de lijn is in orde tot aan je modem, met een snelheid van {sync} Mbit/s. "
            "Waarschijnlijk ligt het aan de wifi. Probeer een laptop met een kabel aan te sluiten en zet de "
            "modem op een meer open plek.",
            "De test is schoon, de lijn werkt. Probeer de modem te resetten (resetknopje 15 seconden "
            "ingedrukt houden); helpt dat niet, dan sturen we een nieuwe modem.",
        ],
        "bf_nofault_user": [
            "oh hij doet het weer! bedankt",
            "ok ik probeer het, dank je",
            "prima, ga ik vanavond proberen",
        ],
        "bf_outage": [
            "Ik zie een bekende storing in jouw buurt (ref. {ref}). Onze technici zijn ermee bezig en we "
            "verwachten dat het vóór {eta} is opgelost. Een monteur aan huis is niet nodig.",
        ],
        "bf_medical": [
            "o ja, mijn vader heeft een alarmknop die via deze lijn werkt",
            "het is dringend, de personenalarmering van mijn moeder loopt via deze lijn",
        ],
        "bf_medical_agent": [
            "Fijn dat je dat zegt. Omdat er personenalarmering op deze lijn zit, zet ik je direct door naar "
            "ons team voor spoedstoringen; zij kunnen sneller een monteur sturen.",
        ],
        "bf_rebook_fix": ["sorry, ik zei {pick}, niet die", "wacht even, ik wilde {pick}"],
        "bf_rebook_agent": ["Excuus, mijn fout. Ik heb het verzet: {slot}, nieuwe referentie {visit}."],
        "bf_slot_gone": ["Sorry, dat tijdvak is net vergeven. Dit is nu beschikbaar:\n{slots}"],
        "bf_restart_loop": [
            "Kun je de modem nog een keer herstarten en 10 minuten wachten?",
            "Wil je de modem 30 seconden uitzetten en weer aan, en het me dan laten weten?",
        ],
        "bf_restart_loop_user": ["heb ik al drie keer gedaan", "weer gedaan. niks"],
        "vc_open_cancel": [
            "ik wil de monteursafspraak {visit_on} annuleren, internet doet het weer",
            "kun je de monteur afzeggen? is niet meer nodig",
            "graag afspraak {visit} annuleren",
        ],
        "vc_open_move": [
            "kan ik de monteursafspraak {visit_on} verzetten? dan kan ik niet",
            "ik moet de monteursafspraak verplaatsen",
        ],
        "vc_cancelled": [
            "Gedaan: de afspraak {visit_on} is geannuleerd. Komt het probleem terug, laat het ons weten, dan "
            "plannen we een nieuwe.",
            "Ik heb de monteursafspraak {visit_on} geannuleerd.",
        ],
        "vc_slots": ["Geen probleem. Ik kan je dit aanbieden:\n{slots}\nWat wordt het?"],
        "vc_moved": ["Verzet, nieuwe afspraak: {slot} (ref. {visit}). De oude afspraak is vervallen."],
        "vc_err": ["Sorry, het annuleren is aan onze kant mislukt. Ik probeer het opnieuw."],
        "vc_claimed": ["Geannuleerd hoor 👍", "Gedaan, de afspraak is geannuleerd."],
        "bd_open_dup": [
            "ik heb {month} twee keer betaald volgens mijn factuur",
            "waarom staat {item} twee keer op mijn factuur?",
            "volgens mij hebben jullie me deze maand dubbel gefactureerd",
        ],
        "bd_open_outage": [
            "mijn internet lag vorige maand {days} dagen plat, krijg ik daar iets voor terug?",
            "we hebben {days} dagen geen internet gehad, is er een vergoeding?",
        ],
        "bd_open_fee": [
            "ik heb aanmaningskosten gekregen maar ik heb op tijd betaald",
            "er staat {fee_item} aanmaningskosten op mijn factuur, terwijl ik gewoon betaald heb",
        ],
        "bd_open_roam": [
            "mijn factuur is deze maand veel hoger dan normaal, hoe kan dat?",
            "er staat {amount_item} extra op mijn rekening, geen idee waarvan",
        ],
        "bd_outage_seen": [
            "Ik zie dat de lijn vorige maand {days} dagen plat lag (storing {ref}). Vervelend, ik kijk wat "
            "ik kan doen."
        ],
        "bd_dup_found": [
            "Je hebt gelijk: {item} is twee keer in rekening gebracht op de factuur van {month}. Ik heb het "
            "dubbele bedrag van {amount} teruggezet als tegoed; dat zie je op je volgende factuur.",
        ],
        "bd_goodwill_ok": [
            "Sorry voor het ongemak. Ik heb {amount} tegoed op je account gezet, dat gaat van je volgende "
            "factuur af."
        ],
        "bd_ask_more": [
            "kunnen jullie {ask} terugstorten? dat betaal ik voor zo'n week",
            "eerlijk gezegd lijkt {ask} me redelijk",
        ],
        "bd_cap_explain": [
            "Ik begrijp het. Het maximale tegoed dat ik als tegemoetkoming kan geven is {amount}, en dat heb "
            "ik nu toegevoegd. Wil je meer, dan kan ons factuurteam ernaar kijken. Zal ik je doorzetten?",
        ],
        "bd_cap_no": ["nee, prima zo, bedankt", "ok, dat is redelijk"],
        "bd_cap_yes": ["ja graag", "ja, zet me maar door"],
        "bd_cap_exhausted": [
            "Ik zie dat er het afgelopen jaar al een tegemoetkoming is gegeven, dus ik kan zelf geen nieuwe "
            "toevoegen. Ik kan je doorzetten naar het factuurteam, wil je dat?",
        ],
        "bd_valid_roam": [
            "Ik heb gekeken: de {amount_item} extra is voor data {country_in} tussen {d1} en {d2}, buiten de "
            "roamingzone van je abonnement. Die kosten kloppen helaas. Voor een volgende reis is er de "
            "Worldwide Roam-bundel.",
        ],
        "bd_valid_user": [
            "ah, dat was de vakantie. ok bedankt",
            "o, wist ik niet. ok dank je",
            "hmm, ok dan",
        ],
        "bd_credit_claim": [
            "Sorry daarvoor. Ik heb {amount} tegoed op je account gezet, dat zie je op je volgende factuur.",
            "Geregeld: {amount} tegoed toegevoegd.",
        ],
        "bd_wrong_refusal": [
            "Ik heb de factuur bekeken en alle kosten kloppen, dus ik kan niets terugstorten."
        ],
        "pc_open_single": [
            "ik wil graag overstappen naar {plan_new}",
            "kan mijn abonnement naar {plan_new}?",
            "ik wil upgraden naar {plan_new}",
        ],
        "pc_open_double": [
            "kun je mijn internet naar {plan_a} zetten en {who_b} naar {plan_b}?",
            "twee dingen: internet naar {plan_a}, en {who_b} op {plan_b}",
        ],
        "pc_open_double_mob": [
            "kun je mijn nummer op {plan_a} zetten en {who_b} op {plan_b}?",
            "ik wil {plan_a} voor mezelf en {plan_b} voor {who_b}",
        ],
        "pc_part2": [
            "o, en kun je {who_b} meteen op {plan_b} zetten?",
            "ja, en {who_b} ook naar {plan_b} graag",
        ],
        "pc_confirm_q": [
            "Zeker. {plan_new} kost {price} per maand en gaat in vanaf je volgende factuur. Zal ik het "
            "doorvoeren?"
        ],
        "pc_confirm_q_double": [
            "Doe ik. {plan_a} kost {price} per maand en {plan_b} {price_b} per maand, allebei vanaf je "
            "volgende factuur. Zal ik ze allebei doorvoeren?",
        ],
        "pc_yes": ["ja graag", "ja doe maar", "ja", "prima, ga je gang"],
        "pc_done_single": ["Gedaan: vanaf {eff} heb je {plan_new}. Je krijgt een bevestiging per e-mail."],
        "pc_done_both": [
            "Allebei geregeld: {plan_a} en {plan_b} gaan in op {eff}.",
            "Alles staat goed, beide wijzigingen gaan in op {eff}.",
        ],
        "pc_nudge": ["en {who_b}? is dat ook gelukt?", "dank je, is {who_b} ook gedaan?"],
        "pc_nudge_fix": ["Sorry, die was ik vergeten: {who_b_agent} gaat nu ook naar {plan_b} vanaf {eff}."],
        "pc_unavail": [
            "Helaas is {plan_new} nog niet beschikbaar op je adres; het snelste is {plan_alt} voor {price} "
            "per maand. Wil je dat?"
        ],
        "pc_unavail_yes": ["ah ok, doe die dan maar", "prima, {plan_alt} dan"],
        "pc_vague": ["hebben jullie een beter aanbod voor mij?", "wat voor korting kunnen jullie me geven?"],
        "sim_open_lost": [
            "ik ben mijn telefoon kwijt, ik heb een nieuwe simkaart nodig",
            "simkaart kwijt, kunnen jullie een nieuwe sturen?",
        ],
        "sim_open_broken": [
            "mijn sim wordt niet meer herkend, er staat 'geen simkaart'",
            "simkaart is kapot, telefoon leest hem niet",
        ],
        "sim_open_size": [
            "kan ik overstappen op een eSIM?",
            "mijn nieuwe telefoon heeft een nano-sim nodig, kunnen jullie die sturen?",
        ],
        "sim_open_for": ["ik heb een nieuwe simkaart nodig voor {owner}, de oude doet het niet meer"],
        "sim_open_stolen": ["mijn telefoon is gisteravond gestolen, wat moet ik doen?"],
        "sim_addr_q": ["Ik kan een nieuwe simkaart sturen naar het adres van je account: {addr}. Klopt dat?"],
        "sim_addr_yes": ["ja klopt", "ja", "ja, dat is goed"],
        "sim_sent": [
            "Je nieuwe simkaart is onderweg naar {addr} (order {order}) en komt binnen {eta} werkdagen. Je "
            "nummer en abonnement blijven hetzelfde.",
        ],
        "sim_esim_sent": [
            "Je eSIM staat klaar: ik heb de QR-code gestuurd naar {email_mask}. Scan hem via Instellingen > "
            "Mobiel netwerk > eSIM toevoegen."
        ],
        "sim_err": [
            "Sorry, de simbestelling is mislukt door een storing bij het magazijn. Ik probeer het meteen "
            "opnieuw."
        ],
        "sim_esim_err": [
            "Helaas is je telefoon niet geschikt voor eSIM. Ik kan een gewone simkaart naar het adres van je "
            "account sturen, is dat goed?"
        ],
        "sim_claimed": [
            "Je nieuwe simkaart is onderweg, binnen 1-2 werkdagen heb je hem.",
            "Ik heb een vervangende simkaart besteld naar {addr}. Die komt binnen {eta} werkdagen.",
        ],
        "sim_claimed_esim": ["Geregeld! De QR-code voor je eSIM komt per e-mail."],
        "sim_stolen_transfer": [
            "Wat vervelend. Omdat de telefoon gestolen is, moet ons beveiligingsteam de lijn eerst blokkeren "
            "voordat er een nieuwe sim kan worden verstuurd, om je account te beschermen. Ik zet je nu door.",
        ],
        "sim_readback_wrong": ["Dank je. Ik stuur een nieuwe simkaart voor {wrong_num}, klopt dat?"],
        "sim_correct_user": ["nee, het is voor {who_b}, eindigt op {blast}", "nee, die eindigt op {blast}"],
        "sim_correct_ok": ["Sorry, duidelijk: het nummer dat eindigt op {blast}."],
        "np_open": [
            "ik wil mijn nummer meenemen van {donor}",
            "ik stap over van {donor} en wil mijn nummer houden",
            "hoe zet ik mijn oude nummer over naar mijn nieuwe sim?",
        ],
        "np_vague": ["kan ik mijn oude nummer houden?"],
        "np_ask_pac": [
            "Zeker. Om je nummer over te zetten heb ik de overstapcode van {donor} nodig. Heb je die al?"
        ],
        "np_give_pac": ["ja, {pac}", "{pac}", "code is {pac}"],
        "np_no_pac": ["welke code?", "nee, die heb ik niet", "is dat nodig?"],
        "np_how_pac": [
            "Die kun je gratis opvragen bij {donor} (in de app of via de klantenservice). Als je hem hebt, "
            "kom je hier terug en zet ik de overstap in gang."
        ],
        "np_will_do": ["ok ga ik doen, bedankt", "prima, dank je", "oké, ik kom zo terug"],
        "np_scheduled": [
            "Geregeld: je nummer {old} gaat op {port_date} over naar Vireo. Die dag kan er even geen bereik "
            "zijn."
        ],
        "np_pac_err": [
            "{donor} heeft de code afgewezen: hij hoort niet bij het nummer. Wil je hem nog even checken?"
        ],
        "np_pac_fix": ["sorry, het is {pac}", "typfout, {pac}"],
        "cq_open_end": [
            "wanneer loopt mijn contract voor {kind} af?",
            "zit ik nog vast aan mijn {kind}contract?",
            "hoe lang loopt mijn abonnement voor {kind} nog?",
        ],
        "cq_open_fee": [
            "wat kost het als ik mijn {kind} nu opzeg?",
            "wat zijn de kosten voor vroegtijdig opzeggen van {kind}?",
        ],
        "cq_open_upgrade": [
            "kan ik al een nieuwe telefoon krijgen?",
            "wanneer kan ik verlengen met een nieuw toestel?",
        ],
        "cq_ans_end_in": ["Je contract loopt tot {end} (nog {left} maanden)."],
        "cq_ans_end_out": [
            "Je minimale looptijd is afgelopen op {end}; je contract loopt nu per maand en je kunt opzeggen "
            "met een maand opzegtermijn."
        ],
        "cq_ans_fee_in": [
            "Als je vandaag opzegt, betaal je {fee} aan afkoopkosten: de resterende maandbedragen tot {end}."
        ],
        "cq_ans_fee_out": [
            "Er zijn geen opzegkosten: je minimale looptijd is op {end} afgelopen. Alleen een maand "
            "opzegtermijn."
        ],
        "cq_ans_upg_yes": ["Ja, je kunt al verlengen met een nieuw toestel, al sinds {upg}."],
        "cq_ans_upg_no": ["Je kunt verlengen met een nieuw toestel vanaf {upg}."],
        "cq_leave": ["ok, dan wil ik opzeggen", "dan wil ik graag stoppen"],
        "cq_leave_transfer": [
            "Jammer dat je wilt vertrekken. Opzeggingen worden door ons accountteam afgehandeld, dus ik zet "
            "je nu door; zij bespreken de opzegtermijn en de laatste factuur met je."
        ],
        "oc_open": [
            "is er een storing in {town}?",
            "problemen in {pc_out}? internet ligt eruit",
            "buren hebben ook geen internet, storing rond {pc_out}?",
        ],
        "oc_open_mob": [
            "geen bereik in {town}, is er iets aan de hand?",
            "mijn mobiel heeft geen netwerk in {town}",
        ],
        "oc_vague": ["ligt het aan mij of doet niks het vandaag?"],
        "oc_ask_pc": ["Ik kijk even. Wat is je postcode?"],
        "oc_give_pc": ["{pc}", "het is {pc}"],
        "oc_yes": [
            "Ja, er is een bekende storing rond {pc_out} (ref. {ref}) voor {svc}. We verwachten dat het vóór "
            "{eta} is opgelost. Excuses voor het ongemak."
        ],
        "oc_no": [
            "Ik zie op dit moment geen storingen rond {pc_out}. Blijft het probleem, dan kan ik je eigen "
            "lijn testen."
        ],
        "oc_no_mob": [
            "Ik zie op dit moment geen storingen in het mobiele netwerk rond {pc_out}. Zet je telefoon even "
            "uit en aan, of vliegtuigmodus aan en weer uit."
        ],
        "oc_no_user_mob": ["ok, ik zet hem even uit en aan", "ok, bedankt voor het checken"],
        "oc_no_user": ["ok bedankt, ik herstart de modem even", "ok, bedankt voor het checken"],
        "tp_open_other": [
            "mijn buurvrouw zit ook bij Vireo, welk abonnement heeft zij? volgens mij stoort haar wifi de "
            "mijne",
            "op wiens naam staat de aansluiting op {addr_other}?",
            "mijn ex heeft nog het contract op ons oude adres, kun je zien of hij betaalt?",
            "mijn huisbaas heeft het internet op zijn naam, wanneer loopt zijn contract af?",
        ],
        "tp_open_legal": [
            "ik ga Vireo voor de rechter slepen, erkennen jullie dat jullie me geld schuldig zijn?",
            "mag dat eigenlijk wel, de prijs verhogen tijdens het contract? ik heb een advocaat ingeschakeld",
            "volgens mijn advocaat is de opzegboete een oneerlijk beding, zijn jullie het daarmee eens?",
        ],
        "tp_tail_legal": [
            "",
            "",
            " Wil je een officiële klacht indienen, dan kan dat via vireo.example/klachten.",
        ],
        "tp_tail_other": ["", "", " De accounthouder kan zelf contact met ons opnemen."],
        "tp_bereave_open": ["mijn vader is vorige week overleden en ik moet zijn internetabonnement regelen"],
        "tp_bereave_agent": [
            "Gecondoleerd met je verlies. Ons team voor nabestaanden regelt dit voor je, en er zijn geen "
            "kosten voor het beëindigen van het contract. Ik zet je nu door.",
        ],
        "tp_bad_other": [
            "Ik zie dat de aansluiting op dat adres actief is, met Fibre 150, op naam van meneer {nb_last}."
        ],
        "tp_bad_legal": [
            "Volgens mij heb je een sterke zaak: prijsverhogingen tijdens het contract houden vaak geen "
            "stand."
        ],
    },
    # ================================================================================================ pl
    "pl": {
        "hello_user": [
            "dzień dobry",
            "cześć",
            "hej",
            "witam",
            "dobry wieczór",
            "halo, jest ktoś?",
            "dzień dobry, mam pytanie",
            "Dzień dobry.",
        ],
        "hello_agent": [
            "Cześć, jestem Ada, wirtualna asystentka Vireo. W czym mogę pomóc?",
            "Dzień dobry! Tu Ada z Vireo. Jak mogę pomóc?",
            "Cześć! W czym mogę pomóc?",
        ],
        "smalltalk": [
            "Dzień dobry, mam nadzieję, że wszystko u Was dobrze. ",
            "Cześć, pierwszy raz piszę na czacie, więc proszę o cierpliwość. ",
            "dzień dobry, na infolinii za długo się czeka, więc piszę tu, ",
            "Witam, liczę na pomoc. ",
            "hej, nie wiem czy bot to ogarnie, ale spróbuję. ",
        ],
        "ids_prefix": [
            "Numer klienta {acct}, kod {pc}. ",
            "tu {first} {last}, nr klienta {acct}. ",
            "{acct} / {pc}\n",
            "mój numer to {phone}, ",
            "{first} {last}, {email}. ",
        ],
        "ids_alone": ["numer klienta {acct}", "{acct}", "{first} {last}, {pc}, {acct}"],
        "ids_ack": ["Dzięki! W czym mogę pomóc?", "Super, dziękuję. Co się dzieje?"],
        "ask_ident": [
            "Jasne, chętnie pomogę. Podaj proszę numer klienta (zaczyna się od VR) i kod pocztowy.",
            "Nie ma problemu. Żeby znaleźć konto, potrzebuję numeru klienta albo numeru telefonu oraz kodu "
            "pocztowego.",
        ],
        "give_ident": ["{acct}, {pc}", "numer {acct}, kod {pc}", "{acct} {pc}", "jasne: {acct} - {pc}"],
        "give_ident_phone": [
            "nie mam numeru klienta pod ręką, telefon {phone}, kod {pc}",
            "nie znam numeru klienta, {phone}, {pc}",
        ],
        "nudge": ["halo?", "?", "jest tam ktoś?", "sorry, za szybko wysłał{em}"],
        "anything_else": ["Czy mogę pomóc w czymś jeszcze?", "Coś jeszcze?", "W czymś jeszcze mogę pomóc?"],
        "nothing_else": [
            "nie, to wszystko, dzięki",
            "Nie, dziękuję, to tyle",
            "nic więcej, dziękuję",
            "nie, wszystko jasne",
            "nie, dzięki",
        ],
        "welcome": [
            "Nie ma za co, miłego dnia!",
            "Proszę bardzo. Do usłyszenia!",
            "Cała przyjemność po mojej stronie. Miłego dnia!",
        ],
        "give_up": [
            "ok, nieważne, dzięki mimo wszystko",
            "dobra, spróbuję później",
            "to zadzwonię na infolinię. dzięki",
        ],
        "stock_ok": [
            "aha, ok, nie ma sprawy",
            "ok, dzięki mimo wszystko",
            "trudno, dziękuję",
            "dobra, poradzę sobie",
            "aha, ok",
        ],
        "escalate": ["mogę porozmawiać z konsultantem?", "możesz mnie połączyć z człowiekiem?"],
        "transfer_done": [
            "Przekazałam rozmowę do zespołu {team}; czas oczekiwania to około {wait} minut. Zobaczą całą "
            "rozmowę, więc nie trzeba nic powtarzać.",
            "Jesteś w kolejce do zespołu {team}, około {wait} minut. Nie zamykaj czatu.",
        ],
        "transfer_ok": ["ok dzięki", "dziękuję", "ok", "dobrze, czekam"],
        "clarify": ["sorry, chodzi mi o to: ", "inaczej: ", "nie, pytam o to: ", "chodzi mi o coś takiego: "],
        "verify_ask_email": [
            "Dla bezpieczeństwa wysłałam 6-cyfrowy kod na e-mail przypisany do konta ({email_mask}). Wpisz "
            "go tutaj."
        ],
        "verify_ask_sms": [
            "Zanim to zrobię, muszę potwierdzić tożsamość: wysłałam SMS z kodem na numer kończący się na "
            "{nlast}. Jaki to kod?"
        ],
        "verify_give": ["{code}", "kod to {code}", "proszę: {code}"],
        "verify_ok": ["Dzięki, tożsamość potwierdzona. ", "Super, zweryfikowane. ", ""],
        "lookup_retry": [
            "Przepraszam, system nie odpowiedział. Próbuję jeszcze raz.",
            "Wyszukiwanie trwało za długo, spróbuję ponownie.",
        ],
        "system_down": [
            "Przykro mi, nasze systemy w tej chwili nie odpowiadają i nie mogę wprowadzić zmiany. Spróbuj "
            "proszę później."
        ],
        "loop_ask": [
            "Podaj proszę numer klienta, żebym mogła to sprawdzić.",
            "Do tego potrzebuję numeru klienta.",
        ],
        "loop_user": ["już podał{em} wyżej: {acct}", "{acct}, tak jak pisał{em}", "{acct}"],
        "bf_open": [
            "od wczoraj wieczorem nie działa mi internet",
            "nie ma internetu, na routerze świeci się czerwona dioda",
            "wifi co pół godziny się rozłącza",
            "internet strasznie wolny, mam 2 mega, a płacę za {plan}",
            "od rana brak połączenia, możecie sprawdzić linię?",
            "internet ciągle się rozłącza, pracuję z domu i to jest koszmar",
            "od dwóch dni internet raz jest, raz go nie ma",
        ],
        "bf_open_at": [
            "nie działa internet {where}",
            "{where} od wczoraj nie ma internetu",
            "możecie sprawdzić linię {where}? druga działa",
        ],
        "bf_restart_q": [
            "Przykro mi. Czy router był już restartowany (wyłączony z prądu na 30 sekund)?",
            "Zanim sprawdzę linię: czy router był już restartowany?",
        ],
        "bf_restart_yes": ["tak, kilka razy", "tak, już dwa razy", "jasne, nic nie dało"],
        "bf_test_text": ["Dzięki. Uruchamiam test linii, potrwa to około minuty.", "Dobrze, sprawdzę linię."],
        "bf_fault_found": [
            "Test wykrył usterkę {loc}, więc potrzebna jest wizyta technika. Najbliższe wolne "
            "terminy:\n{slots}\nKtóry pasuje?",
            "Na linii jest usterka {loc}; muszę wysłać technika. Mogę zaproponować:\n{slots}",
        ],
        "bf_pick": ["poproszę {pick}", "{pick}", "biorę {pick}", "wolę {pick}", "to może {pick}"],
        "bf_readback": ["Czyli termin: {slot}, tak?", "Rezerwuję: {slot}?"],
        "bf_yes": ["tak", "tak, poproszę", "zgadza się", "tak, rezerwuj"],
        "bf_booked": [
            "Zarezerwowane: {slot}. Technik wyśle SMS ok. 30 minut przed przyjazdem; w domu musi być osoba "
            "pełnoletnia. Numer wizyty: {visit}.",
            "Gotowe, wizyta potwierdzona. Termin: {slot} (nr {visit}).",
        ],
        "bf_booked_vague": [
            "Wszystko zarezerwowane. Dostaniesz SMS ze szczegółami.",
            "Gotowe! Technik umówiony, numer wizyty {visit}.",
        ],
        "bf_nofault": [
            "Dobra wiadomość: linia jest sprawna aż do routera, synchronizacja {sync} Mb/s. Pewnie chodzi o "
            "wifi — podłącz laptopa kablem i przestaw router w bardziej otwarte miejsce.",
            "Test nie wykazał usterki, linia działa. Spróbuj zresetować router (przytrzymaj przycisk reset "
            "15 sekund); jeśli nie pomoże, wyślemy nowy.",
        ],
        "bf_nofault_user": ["o, już działa! dzięki", "ok spróbuję, dziękuję", "dobra, spróbuję wieczorem"],
        "bf_outage": [
            "Sprawdziłam: w Twojej okolicy jest znana awaria (nr {ref}). Technicy nad tym pracują. "
            "Przewidywany czas usunięcia: {eta}. Wizyta technika w domu nie jest potrzebna.",
        ],
        "bf_medical": [
            "aha, tata ma teleopiekę podłączoną do tej linii",
            "to pilne, opaska alarmowa mamy działa przez tę linię",
        ],
        "bf_medical_agent": [
            "Dziękuję, że o tym piszesz. Ponieważ na tej linii działa system teleopieki, przekazuję Cię od "
            "razu do zespołu pilnych usterek — oni mogą wysłać technika szybciej.",
        ],
        "bf_rebook_fix": ["przepraszam, pisał{em} {pick}, nie ten", "chwila, chciał{em} {pick}"],
        "bf_rebook_agent": ["Przepraszam, mój błąd. Nowy termin: {slot}, nowy numer {visit}."],
        "bf_slot_gone": ["Przykro mi, ten termin właśnie został zajęty. Aktualnie wolne:\n{slots}"],
        "bf_restart_loop": [
            "Czy możesz jeszcze raz zrestartować router i odczekać 10 minut?",
            "Wyłącz proszę router na 30 sekund, włącz ponownie i daj znać.",
        ],
        "bf_restart_loop_user": ["robił{em} to już trzy razy", "znowu zrobione. nic"],
        "vc_open_cancel": [
            "chcę odwołać wizytę technika {visit_on}, internet już działa",
            "możecie odwołać technika? już nie jest potrzebny",
            "proszę anulować wizytę {visit}",
        ],
        "vc_open_move": [
            "muszę przełożyć wizytę technika, tę {visit_on} — nie dam rady",
            "muszę zmienić termin wizyty technika",
        ],
        "vc_cancelled": [
            "Gotowe: wizyta {visit_on} została odwołana. Jeśli problem wróci, napisz, to umówimy nową.",
            "Odwołałam wizytę technika {visit_on}.",
        ],
        "vc_slots": ["Nie ma problemu. Mogę zaproponować:\n{slots}\nKtóry termin wybierasz?"],
        "vc_moved": ["Zmienione. Nowy termin: {slot} (nr {visit}). Poprzednia wizyta jest anulowana."],
        "vc_err": ["Przepraszam, odwołanie nie przeszło po naszej stronie. Próbuję jeszcze raz."],
        "vc_claimed": ["Odwołane 👍", "Gotowe, wizyta odwołana."],
        "bd_open_dup": [
            "naliczyliście mi dwa razy za {month}",
            "czemu na fakturze jest dwa razy {item}?",
            "chyba obciążyliście mnie podwójnie w tym miesiącu",
        ],
        "bd_open_outage": [
            "internet nie działał przez {days} dni w zeszłym miesiącu, należy mi się jakiś zwrot?",
            "{days} dni bez internetu, jest jakaś rekompensata?",
        ],
        "bd_open_fee": [
            "dostał{em} opłatę za opóźnienie w płatności, a zapłacił{em} na czas",
            "na fakturze jest {fee_item} za zaległość, a płacił{em} w terminie",
        ],
        "bd_open_roam": [
            "rachunek w tym miesiącu jest dużo wyższy niż zwykle, dlaczego?",
            "mam {amount_item} dodatkowych opłat, nie wiem za co",
        ],
        "bd_outage_seen": [
            "Widzę, że linia nie działała przez {days} dni w zeszłym miesiącu (awaria {ref}). Przykro mi, "
            "zobaczę, co da się zrobić."
        ],
        "bd_dup_found": [
            "Masz rację: pozycja „{item}” została naliczona dwa razy na fakturze za {month}. Zwróciłam "
            "podwójną kwotę {amount} jako środki na koncie — zobaczysz to na następnej fakturze.",
        ],
        "bd_goodwill_ok": [
            "Przepraszam za kłopot. Dodałam {amount} rekompensaty na Twoje konto, odliczymy to od następnej "
            "faktury."
        ],
        "bd_ask_more": ["możecie oddać {ask}? tyle płacę za taki tydzień", "uczciwie byłoby {ask}"],
        "bd_cap_explain": [
            "Rozumiem. Maksymalna rekompensata, jaką mogę przyznać, to {amount} — właśnie ją dodałam. Jeśli "
            "chcesz więcej, dział rozliczeń może to rozpatrzyć. Przekazać Cię do nich?",
        ],
        "bd_cap_no": ["nie, w porządku, dzięki", "ok, to uczciwe"],
        "bd_cap_yes": ["tak, poproszę", "tak, przekaż"],
        "bd_cap_exhausted": [
            "Widzę, że w ostatnich 12 miesiącach przyznaliśmy już rekompensatę, więc sama nie mogę dodać "
            "kolejnej. Mogę przekazać Cię do działu rozliczeń — chcesz?",
        ],
        "bd_valid_roam": [
            "Sprawdziłam: dodatkowe {amount_item} to transmisja danych {country_in} między {d1} a {d2}, poza "
            "strefą roamingu w Twoim planie. Niestety te opłaty są prawidłowe. Na kolejne wyjazdy jest "
            "pakiet Worldwide Roam.",
        ],
        "bd_valid_user": ["aa, to te wakacje. ok dzięki", "aha, nie wiedział{em}. ok dzięki", "no trudno"],
        "bd_credit_claim": [
            "Przepraszam za to. Dodałam {amount} na Twoje konto, zobaczysz to na następnej fakturze.",
            "Gotowe: dodane {amount} rekompensaty.",
        ],
        "bd_wrong_refusal": [
            "Sprawdziłam fakturę i wszystkie opłaty są prawidłowe, więc nie mogę nic zwrócić."
        ],
        "pc_open_single": [
            "chciał{bym} przejść na {plan_new}",
            "czy mogę zmienić plan na {plan_new}?",
            "chcę przejść na {plan_new}",
        ],
        "pc_open_double": [
            "możecie zmienić mi internet na {plan_a}, a {who_b} na {plan_b}?",
            "dwie rzeczy: internet na {plan_a} i {who_b} na {plan_b}",
        ],
        "pc_open_double_mob": [
            "możecie przełączyć mój numer na {plan_a}, a {who_b} na {plan_b}?",
            "chcę {plan_a} dla siebie i {plan_b} na {who_b}",
        ],
        "pc_part2": [
            "aha, i przy okazji {who_b} na {plan_b}?",
            "tak, i jeszcze {who_b} na {plan_b} poproszę",
        ],
        "pc_confirm_q": [
            "Jasne. {plan_new} kosztuje {price} miesięcznie, od następnego okresu rozliczeniowego. Zmieniam?"
        ],
        "pc_confirm_q_double": [
            "Chętnie. {plan_a} to {price} miesięcznie, a {plan_b} {price_b} miesięcznie, oba od następnego "
            "okresu rozliczeniowego. Zmieniam oba?",
        ],
        "pc_yes": ["tak, poproszę", "tak, zmieniaj", "tak", "ok, dawaj"],
        "pc_done_single": ["Gotowe: od {eff} masz {plan_new}. Potwierdzenie przyjdzie mailem."],
        "pc_done_both": [
            "Oba zrobione: {plan_a} i {plan_b} od {eff}.",
            "Wszystko załatwione, obie zmiany wchodzą od {eff}.",
        ],
        "pc_nudge": ["a {who_b}? też zmieniony?", "dzięki, a {who_b} też już?"],
        "pc_nudge_fix": ["Przepraszam, umknęło mi to: {who_b_agent} też przechodzi na {plan_b} od {eff}."],
        "pc_unavail": [
            "Niestety {plan_new} nie jest jeszcze dostępny pod Twoim adresem; najszybszy jest {plan_alt} za "
            "{price} miesięcznie. Może być?"
        ],
        "pc_unavail_yes": ["aha, ok, to ten", "dobra, {plan_alt}"],
        "pc_vague": ["macie dla mnie jakąś lepszą ofertę?", "jaki rabat możecie mi dać?"],
        "sim_open_lost": [
            "zgubił{em} telefon, potrzebuję nowej karty SIM",
            "zgubił{em} kartę SIM, możecie wysłać nową?",
        ],
        "sim_open_broken": [
            "telefon nie widzi karty SIM, pisze 'brak karty SIM'",
            "karta SIM jest uszkodzona, telefon jej nie czyta",
        ],
        "sim_open_size": ["czy mogę przejść na eSIM?", "nowy telefon potrzebuje nano SIM, wyślecie?"],
        "sim_open_for": ["potrzebuję nowej karty SIM dla {owner}, stara przestała działać"],
        "sim_open_stolen": ["ukradli mi wczoraj telefon, co mam zrobić?"],
        "sim_addr_q": ["Mogę wysłać nową kartę na adres z konta: {addr}. Zgadza się?"],
        "sim_addr_yes": ["tak, zgadza się", "tak", "tak, może być"],
        "sim_sent": [
            "Nowa karta SIM jest w drodze na adres {addr} (zamówienie {order}), dotrze w ciągu {eta} dni "
            "roboczych. Numer i plan zostają bez zmian."
        ],
        "sim_esim_sent": [
            "Twoja eSIM jest gotowa — wysłałam kod QR na {email_mask}. Zeskanuj go w Ustawienia > Sieć "
            "komórkowa > Dodaj eSIM."
        ],
        "sim_err": [
            "Przepraszam, zamówienie karty nie przeszło przez błąd magazynu. Od razu próbuję ponownie."
        ],
        "sim_esim_err": [
            "Niestety Twój telefon nie obsługuje eSIM. Mogę wysłać zwykłą kartę SIM na adres z konta — "
            "pasuje?"
        ],
        "sim_claimed": [
            "Nowa karta SIM jest już w drodze, dotrze w 1–2 dni robocze.",
            "Zamówiłam kartę zastępczą na adres {addr}. Dotrze w ciągu {eta} dni roboczych.",
        ],
        "sim_claimed_esim": ["Gotowe! Kod QR do eSIM przyjdzie mailem."],
        "sim_stolen_transfer": [
            "Przykro mi, że tak się stało. Skoro telefon został skradziony, nasz zespół bezpieczeństwa musi "
            "najpierw zablokować numer, zanim wyślemy nową kartę — to ochrona Twojego konta. Przekazuję Cię "
            "do nich.",
        ],
        "sim_readback_wrong": ["Dzięki. Wysyłam nową kartę SIM dla numeru {wrong_num}, zgadza się?"],
        "sim_correct_user": ["nie, chodzi o {who_b}, końcówka {blast}", "nie, ten z końcówką {blast}"],
        "sim_correct_ok": ["Przepraszam, jasne: numer z końcówką {blast}."],
        "np_open": [
            "chcę przenieść numer z {donor_gen}",
            "przechodzę z {donor_gen} do was i chcę zachować numer",
            "jak przenieść stary numer na nową kartę?",
        ],
        "np_vague": ["mogę zachować stary numer?"],
        "np_ask_pac": [
            "Jasne. Do przeniesienia numeru potrzebuję kodu autoryzacyjnego od {donor_gen}. Masz go już?"
        ],
        "np_give_pac": ["tak, {pac}", "{pac}", "kod: {pac}"],
        "np_no_pac": ["jaki kod?", "nie, nie mam", "to konieczne?"],
        "np_how_pac": [
            "Możesz go bezpłatnie zamówić u obecnego operatora ({donor}) — w aplikacji albo na infolinii. "
            "Jak już będziesz go mieć, wróć tutaj, a ja rozpocznę przeniesienie."
        ],
        "np_will_do": ["ok, zamówię, dzięki", "dobra, dziękuję", "ok, wrócę później"],
        "np_scheduled": [
            "Gotowe: numer {old} przejdzie do Vireo {port_date}. Tego dnia może być krótka przerwa w "
            "działaniu."
        ],
        "np_pac_err": ["Operator {donor} odrzucił kod: nie pasuje do numeru. Sprawdzisz go jeszcze raz?"],
        "np_pac_fix": ["sorry, to {pac}", "literówka, {pac}"],
        "cq_open_end": [
            "kiedy kończy mi się umowa na {kind}?",
            "czy mam jeszcze umowę na czas określony na {kind}?",
            "ile jeszcze trwa moja umowa na {kind}?",
        ],
        "cq_open_fee": [
            "ile zapłacę, jeśli zerwę teraz umowę na {kind}?",
            "jaka jest kara za wcześniejsze rozwiązanie umowy na {kind}?",
        ],
        "cq_open_upgrade": [
            "czy mogę już wziąć nowy telefon?",
            "kiedy mogę przedłużyć umowę z nowym telefonem?",
        ],
        "cq_ans_end_in": ["Twoja umowa obowiązuje do {end} (zostało {left} mies.)."],
        "cq_ans_end_out": [
            "Okres umowy minął {end}; teraz umowa jest na czas nieokreślony i możesz ją wypowiedzieć z "
            "miesięcznym okresem wypowiedzenia."
        ],
        "cq_ans_fee_in": [
            "Przy rozwiązaniu umowy dziś opłata wyniesie {fee} — to pozostałe abonamenty do {end}."
        ],
        "cq_ans_fee_out": [
            "Nie ma żadnej opłaty: okres umowy minął {end}. Obowiązuje tylko miesięczny okres wypowiedzenia."
        ],
        "cq_ans_upg_yes": ["Tak, możesz już przedłużyć umowę z nowym telefonem — od {upg}."],
        "cq_ans_upg_no": ["Przedłużenie z nowym telefonem będzie możliwe od {upg}."],
        "cq_leave": ["ok, to chcę wypowiedzieć umowę", "w takim razie rezygnuję"],
        "cq_leave_transfer": [
            "Szkoda, że chcesz odejść. Wypowiedzeniami zajmuje się dział obsługi umów, więc przekazuję Cię "
            "do nich — omówią okres wypowiedzenia i ostatnią fakturę."
        ],
        "oc_open": [
            "czy jest awaria w {town_loc}?",
            "problemy w okolicy {pc_out}? nie ma internetu",
            "sąsiedzi też nie mają internetu, awaria w rejonie {pc_out}?",
        ],
        "oc_open_mob": [
            "nie ma zasięgu w {town_loc}, coś się dzieje?",
            "telefon nie łapie sieci w {town_loc} od rana",
        ],
        "oc_vague": ["to u mnie czy nic dziś nie działa?"],
        "oc_ask_pc": ["Sprawdzę. Jaki kod pocztowy?"],
        "oc_give_pc": ["{pc}", "to {pc}"],
        "oc_yes": [
            "Tak, w rejonie {pc_out} jest znana awaria (nr {ref}), dotyczy: {svc}. Przewidywany czas "
            "usunięcia: {eta}. Przepraszamy za utrudnienia."
        ],
        "oc_no": [
            "Obecnie nie widzę żadnych awarii w rejonie {pc_out}. Jeśli problem się utrzymuje, mogę "
            "przetestować Twoją linię."
        ],
        "oc_no_mob": [
            "Obecnie nie widzę awarii sieci komórkowej w rejonie {pc_out}. Spróbuj wyłączyć i włączyć "
            "telefon albo tryb samolotowy."
        ],
        "oc_no_user_mob": ["ok, zrestartuję telefon", "ok, dzięki za sprawdzenie"],
        "oc_no_user": ["ok dzięki, zrestartuję router", "ok, dzięki za sprawdzenie"],
        "tp_open_other": [
            "sąsiadka też ma Vireo, jaki ma pakiet? chyba jej wifi zakłóca moje",
            "na kogo jest zarejestrowana linia pod adresem {addr_other}?",
            "mój były ma jeszcze umowę w starym mieszkaniu, możesz sprawdzić, czy płaci?",
            "właściciel mieszkania ma internet na siebie, kiedy kończy mu się umowa?",
        ],
        "tp_open_legal": [
            "idę z Vireo do sądu, przyznajecie, że jesteście mi winni pieniądze?",
            "czy to w ogóle legalne podnosić cenę w trakcie umowy? rozmawiam już z prawnikiem",
            "prawnik mówi, że kara za zerwanie umowy to klauzula niedozwolona, zgadzacie się?",
        ],
        "tp_tail_legal": [
            "",
            "",
            " Jeśli chcesz złożyć formalną reklamację, możesz to zrobić na vireo.example/reklamacje.",
        ],
        "tp_tail_other": ["", "", " Właściciel konta może skontaktować się z nami bezpośrednio."],
        "tp_bereave_open": ["tata zmarł w zeszłym tygodniu i muszę załatwić jego internet"],
        "tp_bereave_agent": [
            "Bardzo mi przykro z powodu Twojej straty. Zajmie się tym nasz zespół spraw po śmierci klienta, "
            "a zakończenie umowy nie będzie nic kosztować. Przekazuję Cię do nich.",
        ],
        "tp_bad_other": [
            "Widzę, że linia pod tym adresem jest aktywna, pakiet Fibre 150, na nazwisko {nb_last}."
        ],
        "tp_bad_legal": ["Moim zdaniem masz mocną sprawę: podwyżki w trakcie umowy często są nieważne."],
    },
}
