"""What policyholders and the claims assistant say, in English, Spanish and Portuguese.

Slots in braces are filled per conversation (every slot always has a value). English pools are larger
and mix British and Irish registers; the acknowledgements at the end of a conversation are the same pools
whether or not the job was done, because a polite user cannot see from the chat that it was not.
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
    "es": [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
    "pt": [
        "janeiro",
        "fevereiro",
        "março",
        "abril",
        "maio",
        "junho",
        "julho",
        "agosto",
        "setembro",
        "outubro",
        "novembro",
        "dezembro",
    ],
}
WEEKDAYS = {
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "es": ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
    "pt": [
        "segunda-feira",
        "terça-feira",
        "quarta-feira",
        "quinta-feira",
        "sexta-feira",
        "sábado",
        "domingo",
    ],
}
# "on Saturday" as a user says it
ON_WEEKDAY = {
    "en": ["on {wd}", "on {wd} night", "{wd} evening"],
    "es": ["el {wd}", "el {wd} por la noche"],
    "pt": ["{pt_on}", "{pt_on} à noite"],
}
PT_ON = ["na segunda", "na terça", "na quarta", "na quinta", "na sexta", "no sábado", "no domingo"]
RELATIVE = {
    "last_night": {
        "en": ["last night", "overnight", "in the night", "late last night"],
        "es": ["anoche", "esta noche pasada", "ayer por la noche"],
        "pt": ["ontem à noite", "durante a noite", "esta noite"],
    },
    "yesterday": {
        "en": ["yesterday", "yesterday afternoon", "yesterday evening", "yday"],
        "es": ["ayer", "ayer por la tarde"],
        "pt": ["ontem", "ontem à tarde"],
    },
    "this_morning": {
        "en": ["this morning", "earlier today", "first thing this morning"],
        "es": ["esta mañana", "hoy por la mañana"],
        "pt": ["hoje de manhã", "esta manhã"],
    },
    "explicit": {
        "en": ["on {dm}", "on the {dm}"],
        "es": ["el {dm}", "el día {dm}"],
        "pt": ["a {dm}", "no dia {dm}"],
    },
}
DATE_FMT = {"en": "{d} {m}", "es": "{d} de {m}", "pt": "{d} de {m}"}
SLOT_FMT = {
    "en": "{wd} {d} {m}, {win}",
    "es": "el {wd} {d} de {m}, {win}",
    "pt": "{wd}, {d} de {m}, {win}",
}
WINDOWS = {
    "en": {"am": "8am–12pm", "pm": "12pm–5pm"},
    "es": {"am": "de 8:00 a 12:00", "pm": "de 12:00 a 17:00"},
    "pt": {"am": "das 8h às 12h", "pm": "das 12h às 17h"},
}
PERIL = {
    "en": {
        "escape_of_water": "escape of water",
        "storm": "storm damage",
        "theft": "theft",
        "accidental_damage": "accidental damage",
        "fire": "fire",
        "collision": "collision",
        "windscreen": "windscreen",
        "vandalism": "vandalism",
    },
    "es": {
        "escape_of_water": "daños por agua",
        "storm": "daños por tormenta",
        "theft": "robo",
        "accidental_damage": "daños accidentales",
        "fire": "incendio",
        "collision": "colisión",
        "windscreen": "lunas",
        "vandalism": "vandalismo",
    },
    "pt": {
        "escape_of_water": "danos por água",
        "storm": "danos por tempestade",
        "theft": "furto",
        "accidental_damage": "danos acidentais",
        "fire": "incêndio",
        "collision": "colisão",
        "windscreen": "quebra de vidros",
        "vandalism": "vandalismo",
    },
}
MY_REL = {
    "en": {
        "wife": "my wife",
        "husband": "my husband",
        "partner": "my partner",
        "son": "my son",
        "daughter": "my daughter",
    },
    "es": {
        "wife": "mi mujer",
        "husband": "mi marido",
        "partner": "mi pareja",
        "son": "mi hijo",
        "daughter": "mi hija",
    },
    "pt": {
        "wife": "a minha mulher",
        "husband": "o meu marido",
        "partner": "a minha companheira",
        "son": "o meu filho",
        "daughter": "a minha filha",
    },
}

# ------------------------------------------------------------------------------- how people say thanks
ACK = {
    "UK": [
        "cheers mate",
        "ta very much",
        "cheers",
        "ta",
        "legend, thanks",
        "nice one",
        "brill, ta",
        "that's me sorted, cheers",
        "lovely, thank you",
        "you're a star",
        "champion, ta",
        "mint, cheers",
        "cheers pal",
        "top man",
        "ace, thanks",
        "fab thank you x",
        "lovely jubbly",
        "ta love",
        "much appreciated",
        "cheers for that",
        "smashing, thanks",
        "great stuff, cheers",
        "that's brilliant, thank you so much",
        "aye, cheers",
        "right, that's me. ta",
    ],
    "IE": [
        "grand, thanks",
        "sound",
        "sound, thanks a million",
        "thanks a million",
        "deadly, thanks",
        "grand so",
        "that's grand, cheers",
        "go raibh maith agat",
        "brilliant, thanks a mil",
        "perfect, you're very good",
        "lovely, thanks a mill",
    ],
    "en": [
        "ok perfect ty",
        "👍",
        "👍👍",
        "🙏",
        "ty",
        "thx",
        "tyvm",
        "thank u",
        "thnks",
        "k thx",
        "ok great",
        "perfect",
        "sorted",
        "brilliant",
        "thanks!",
        "Thank you so much!",
        "appreciate it",
        "ok cool thanks",
        "great thanks 🙂",
        "Thank you for your help.",
        "Many thanks.",
        "merci",
        "merci beaucoup!",
        "gracias!",
        "danke",
        "perfect thank youuu",
        "thankyou",
        "ok ta",
        "kk ty",
        "ok thats great thanks",
        "Brilliant, thank you!!",
    ],
    "es": [
        "gracias",
        "muchas gracias",
        "mil gracias!",
        "vale, gracias",
        "genial, gracias",
        "perfecto",
        "ok gracias",
        "graciass",
        "listo, gracias",
        "de lujo, gracias",
        "buenísimo",
        "👍",
        "vale vale, muchas gracias",
        "estupendo",
        "chévere, gracias",
        "dale, gracias",
        "ok perfecto ty",
        "thanks!",
        "gracias por todo 🙏",
        "genial!!",
        "muchísimas gracias, de verdad",
    ],
    "pt": [
        "obrigado",
        "obrigada",
        "muito obrigado!",
        "obg",
        "valeu",
        "brigado",
        "show, valeu",
        "perfeito, obrigada",
        "beleza, obrigado",
        "tá ótimo, obrigado",
        "top",
        "ok obrigado",
        "obrigadão",
        "👍",
        "fico agradecida",
        "ótimo, muito obrigada",
        "ok perfeito",
        "combinado, obrigado",
        "thanks",
        "🙏",
        "5 estrelas, obrigada",
    ],
}

P: dict[str, dict[str, list[str]]] = {
    # ------------------------------------------------------------------------------------------ English
    "en": {
        "home_severe_agent_injury": [
            "That's awful, I'm sorry. Because someone has been hurt, I'm going to pass you straight to a "
            "claims handler rather than handle this here.",
        ],
        "home_severe_agent_uninhabitable": [
            "I'm so sorry. With the house not safe to live in, this needs one of our major-loss claims "
            "handlers, who can arrange emergency accommodation today. I'm transferring you now.",
            "That sounds awful. As you can't stay in the property, I'm passing you straight to a "
            "major-loss handler who can sort out somewhere to stay.",
        ],
        "home_severe_open_injury": [
            "the ceiling came down {when} and hit my dad, he's in A&E",
            "a tree fell on the extension {when} and my son got cut by the glass, he's at the hospital",
        ],
        "home_severe_open_uninhabitable": [
            "there's been a fire in the kitchen {when}, we can't stay in the house",
            "the whole ground floor flooded {when}, we've had to move out to my sister's",
            "half the roof came off in the storm {when}, we can't sleep there",
        ],
        "home_fu_water": [
            "do I need to keep the wet carpet?||Yes please, keep it until the assessor has seen it, or "
            "take clear photos if it has to go.",
        ],
        "hello_user": [
            "hi",
            "Hello",
            "hiya",
            "hey there",
            "morning",
            "good afternoon",
            "Hi there!",
            "hello?",
            "hi, you there?",
            "Hi Nora",
            "Evening",
            "hello, is this the claims line?",
        ],
        "hello_agent": [
            "Hi! I'm Nora, Northgate's claims assistant. How can I help today?",
            "Hello, thanks for getting in touch with Northgate. What can I help you with?",
            "Hi there — how can I help?",
            "Hello! What can I do for you today?",
        ],
        "smalltalk": [
            "Hi, hope you're well. ",
            "Hello! Bit of a nightmare week here. ",
            "Morning. First time I've ever had to do this, sorry if I get it wrong. ",
            "hi there, awful weather isn't it. ",
            "Hiya, been with you lot 12 years and never claimed. ",
            "Hello, hope you're having a better day than me! ",
            "hi, sorry, on my phone in the car park. ",
            "Good evening. ",
            "hey. ",
            "Hi, my neighbour said it's quicker to do this on the chat. ",
            "Hello there, sorry to bother you on a Sunday. ",
        ],
        "ids_prefix": [
            "Policy {pol}, postcode {pc}. ",
            "{pol} / {pc} / {phone}\n",
            "Hi, policy number {pol}, post code {pc}, mobile {phone}. ",
            "Ref {pol} ({pc}). ",
            "{pol}\n",
        ],
        "ids_alone": ["{pol}", "policy {pol} postcode {pc}", "{pol} {pc}", "{pol}, {pc}, {phone}"],
        "ids_ack": [
            "Thanks, I've got your policy. How can I help?",
            "Thank you — what can I do for you today?",
            "Thanks. What would you like help with?",
        ],
        "claim_prefix": [
            "Claim ref {claim}. ",
            "Re claim {claim}: ",
            "{claim} - ",
            "Hi, my claim number is {claim}. ",
        ],
        "ask_ident": [
            "So I can find your policy, could you give me your policy number and postcode?",
            "Happy to help. First, could I have your policy number and the postcode on the policy?",
            "Can I take your policy number and postcode, please?",
        ],
        "give_ident": [
            "{pol}, {pc}",
            "It's {pol} and the postcode is {pc}",
            "policy {pol} postcode {pc}",
            "{pol}\n{pc}",
            "sure - {pol}, {pc}",
        ],
        "no_number": [
            "I don't have the number to hand, sorry. Postcode is {pc} and my mobile's {phone}",
            "no idea where the policy docs are! {pc}, phone {phone}",
            "Can't find it. I'm {first} {last}, {pc}, {phone}",
        ],
        "ask_claim": [
            "Could you give me the claim reference? It starts with CLM.",
            "Sure — what's the claim number?",
            "Of course. Which claim is it? The reference looks like CLM-26-123456.",
        ],
        "give_claim": ["{claim}", "it's {claim}", "claim {claim}", "Sorry! {claim}", "ref is {claim}"],
        "anything_else": [
            "Is there anything else I can help with?",
            "Anything else I can do for you today?",
            "Can I help with anything else?",
        ],
        "nothing_else": [
            "no that's me sorted, cheers",
            "no, that's everything. ta",
            "nope, all good thanks",
            "No thank you, that's all.",
            "no that's grand, thanks",
            "that's it, thanks a lot",
            "no thanks 👍",
            "nah you're alright, cheers",
            "no that's all for now",
            "No, that's all. Thanks for your help!",
        ],
        "welcome": [
            "You're welcome — take care!",
            "Glad I could help. Take care, {first}.",
            "You're very welcome. Good luck with everything!",
            "No problem at all. Have a good day.",
        ],
        "yes": [
            "yes please",
            "Yes go ahead",
            "yep",
            "yes",
            "Yes, that's right",
            "go for it",
            "please do",
            "aye, go ahead",
            "yes thanks",
        ],
        "transfer_done": [
            "I've passed you to a claims handler — they have all the details and will join this chat shortly "
            "(current wait about {wait} minutes).",
            "You're now in the queue for a claims handler, who can see everything we've discussed. Expected "
            "wait: around {wait} minutes.",
        ],
        "escalate": [
            "can I speak to a real person please",
            "I'd like to talk to someone, please",
            "is there a human I can talk to?",
            "agent please",
        ],
        "give_up": [
            "forget it, I'll ring the helpline",
            "never mind",
            "this is useless. bye",
            "ok I'll call instead",
            "right. I'll phone tomorrow",
        ],
        "stock_ok": [
            "oh ok, no worries. thanks anyway",
            "ah right. ok, I'll ring you then, cheers",
            "Fair enough, thanks",
            "ok thanks",
            "ah ok. cheers anyway",
            "no bother, thanks",
        ],
        "clarify": ["sorry, to be clearer: ", "sorry I mean - ", "let me put it another way: "],
        "system_down": [
            "I'm sorry, our claims system isn't responding right now, so I couldn't open the claim. Could "
            "you "
            "try again in an hour, or call us on {helpline}?",
        ],
        "loop_ask": [
            "Could you confirm your policy number again, please?",
            "I'm sorry, I didn't catch that. What's your policy number?",
        ],
        "loop_user": ["I just gave it to you. {pol}", "it's {pol}!!", "{pol}. again."],
        # ---------------------------------------------------------------------------------- home claims
        "home_open_water": [
            "my basement flooded {when}||basement carpet's ruined and a load of boxes, not sure about the "
            "boiler",
            "A pipe burst in the kitchen {when} and there's water everywhere||Everyone's fine, plumber "
            "capped it. Kitchen floor and two cupboards, and the lights downstairs tripped",
            "water's coming through the ceiling from the bathroom upstairs, started {when}||we're ok. big "
            "stain on the living room ceiling and the sofa underneath is soaked",
            "the washing machine hose split {when} and flooded the utility room||utility room floor, and "
            "it's gone under the laminate in the hall",
            "we've had a leak under the bathroom floor, noticed it {when}||the bathroom floor is soft and "
            "the kitchen ceiling below has a brown patch",
            "need to make a claim, the hot water tank burst {when}||airing cupboard, landing carpet and "
            "the ceiling below",
        ],
        "home_open_storm": [
            "the storm {when} blew a load of tiles off my roof||about 20 tiles, rain's getting into the loft",
            "our fence came down in the wind {when}||4 fence panels and a post snapped",
            "a tree branch came through the conservatory roof {when}||one roof panel smashed and a chair "
            "under it",
        ],
        "home_open_theft": [
            "we were burgled {when}, they took a laptop and my jewellery||laptop, two rings and a watch. "
            "police came, crime ref {crime}",
            "someone broke into the shed {when} and took the bikes||two bikes, about {item} together. "
            "reported it, ref {crime}",
            "I need to report a break in, happened {when}||back door forced. TV and a laptop gone. crime "
            "number {crime}",
        ],
        "home_open_accident": [
            "I knocked the TV off the wall {when}, screen's smashed||55 inch TV, about 2 years old",
            "spilled a whole tin of paint on the new carpet {when}||living room carpet, fitted in the summer",
            "my son put a football through the patio door {when}||one big glass panel in the patio door",
        ],
        "home_where_home": [" This is at my own house, not the rental.", " (it's our house, not the flat)"],
        "home_where_rental": [
            " It's the flat I rent out on {rstreet}, the tenant just rang me.",
            " This is at my rental flat, {rstreet}.",
        ],
        "home_ask": [
            "I'm so sorry, that sounds stressful. Is everyone safe? Could you tell me what's been damaged?",
            "Sorry to hear that. Can you describe the damage — which rooms and what's affected?",
            "That's rotten luck. What's been damaged, roughly?",
        ],
        "home_confirm": [
            "Thanks, {first}. I'll open a claim on policy {pol} for the {peril} now — is that OK?",
            "Understood. Shall I go ahead and open the claim on policy {pol}?",
            "Right, I'll log this on {pol} as {peril}. OK to go ahead?",
        ],
        "home_opened": [
            "Your claim is open: the reference is {claim}. {next}",
            "Done — claim {claim} has been opened for the {peril}. {next}",
            "I've opened claim {claim}. {next}",
        ],
        "home_opened_dated": [
            "I've opened claim {claim} for the {peril} on {rdate}. {next}",
            "Done — claim {claim} is open (incident date {rdate}). {next}",
        ],
        "home_next": [
            "Please keep any damaged items and take photos; you can upload them here.",
            "An assessor may need to visit — I can book that whenever suits.",
            "Your excess for this claim is {excess}. Please keep receipts for any emergency repairs.",
            "Keep any invoices for emergency repairs, we'll reimburse them as part of the claim.",
        ],
        "home_fu": [
            "how long will it take?||Most claims like this are settled within 2–3 weeks once we have the "
            "photos and invoices.",
            "can I get someone in to fix it now?||Yes — go ahead with emergency repairs to stop further "
            "damage, and keep the invoice.",
        ],
        "ask_human_severe": [
            "I'd really rather speak to a person about this",
            "can I talk to someone? I can't do this over chat",
            "please can I speak to an actual person, it's a lot",
        ],
        "date_wrong": [
            "hang on, it happened {when}, not {rdate}",
            "sorry, the date's wrong, it was {date}",
            "that's not the right date btw, it was {date}",
        ],
        "date_fixed": [
            "You're right, my apologies — I've corrected the incident date on {claim} to {date}.",
            "Sorry about that. The incident date on {claim} is now {date}.",
        ],
        # --------------------------------------------------------------------------------- motor claims
        "motor_open_collision": [
            "someone went into the back of me at the lights {when}||nobody hurt. other car's reg is "
            "{reg2}, driver said it was his fault",
            "had a bump in a car park {when}, my fault I think||all fine, just shaken. got her details, "
            "reg {reg2}",
            "I hit a bollard {when} reversing, bumper's hanging off||no injuries, just me and a post. no "
            "other car",
            "need to report an accident {when}, a van pulled out on me||we're ok. got the van's reg, {reg2}",
        ],
        "motor_open_windscreen": [
            "got a crack in my windscreen {when}, a stone flicked up on the motorway||still drivable, "
            "crack's right across the driver side",
            "chip in the windscreen turned into a big crack {when}||yes drivable. no police",
        ],
        "motor_open_theft": [
            "my car was stolen from outside the house {when}||reported it, crime ref {crime}",
            "someone nicked my catalytic converter {when}||police have been, reference {crime}. it sounds "
            "like a tractor",
        ],
        "motor_open_vandalism": [
            "my car got keyed {when}||drivable yes. reported online, ref {crime}",
            "someone smashed my wing mirror {when} while it was parked||yes it drives. haven't told police",
            "kids kicked the side of my car in {when}, big dent in the door||drives fine. reported it, "
            "ref {crime}",
        ],
        "motor_ask_collision": [
            "Sorry to hear that. Was anyone hurt? And do you have the other driver's details (registration "
            "and insurer)?",
            "That's horrible. Is everyone OK? Did you get the other vehicle's registration?",
        ],
        "motor_ask_other": [
            "Sorry to hear that. Is the car still drivable, and have you reported it to the police?",
            "Sorry about that. Can you still drive it? Any police reference?",
        ],
        "motor_opened": [
            "Claim {claim} is open for your {car} ({reg}). {next}",
            "I've opened claim {claim}. {next}",
        ],
        "motor_next_collision": [
            "One of our approved repairers will call you within 24 hours to arrange the repair.",
            "An approved repairer will be in touch to collect the car; we'll handle the other insurer.",
        ],
        "motor_next_windscreen": [
            "Our glass partner will text you to book the repair; the windscreen excess is {wexcess}.",
        ],
        "motor_next_theft": [
            "The claims team will be in touch; please keep both sets of keys, we'll need them.",
        ],
        "motor_next_vandalism": [
            "An approved repairer will contact you to book the car in. Your excess is {excess}.",
        ],
        "motor_severe_injury": [
            "had an accident {when}, the other driver was taken to hospital",
            "crash {when}, my passenger hurt her neck and the car's a mess",
        ],
        "motor_severe_writeoff": [
            "my car was in a crash {when}, the garage says it's a write-off",
            "car caught fire {when}, it's completely burnt out",
        ],
        "motor_severe_agent": [
            "I'm sorry, that sounds frightening. When someone is injured or a car is likely a total loss, "
            "one of our claims handlers needs to take it from here, so I'm transferring you now.",
            "I'm really sorry. This one needs a claims handler rather than me — I'll pass you over with "
            "everything you've told me.",
        ],
        # ---------------------------------------------------------------------------------- claim status
        "status_open": [
            "any update on my claim {claim}?",
            "just wondering where we are with {claim}",
            "I sent photos last week and haven't heard anything. {claim}",
            "how long does it take? claim {claim}",
            "what's happening with my claim? it's been ages",
        ],
        "st_awaiting_documents": [
            "Claim {claim} is waiting for {docs}. Once we have it the handler can move things on — you can "
            "upload it right here.",
        ],
        "st_adjuster_booked": [
            "Your assessor visit for {claim} is booked for {vdate}; the report usually follows within 3 "
            "working days.",
        ],
        "st_approved": [
            "Good news: claim {claim} was approved on {adate} for {appr}. Payment goes out within 3–5 "
            "working days.",
        ],
        "st_repair_in_progress": [
            "Your car is with {garage} and the repair should be finished by {vdate}.",
        ],
        "st_paid": ["Claim {claim} was paid on {pdate}: {appr} to the account ending {acct}."],
        "st_under_review": [
            "Claim {claim} is with your handler, {handler}, who is reviewing the assessor's report. You "
            "should hear by {vdate}.",
        ],
        "st_fabricated": [
            "Your claim is progressing well and is currently with the assessor. You should hear back in a "
            "few days.",
            "Everything is on track with {claim} — the handler is finalising it and payment should follow "
            "shortly.",
        ],
        "status_fu": [
            "ok so I just wait?||Yes, nothing else needed from you for now. We'll message you when it moves.",
            "will someone call me?||Your handler will call or email if they need anything else.",
        ],
        # ---------------------------------------------------------------------------------- documents
        "upload_open": [
            "here's the photos for {claim}",
            "for claim {claim}",
            "attaching the plumber's invoice and a couple of photos",
            "Uploading the police report for {claim}",
            "they asked me for pics of the damage",
        ],
        "upload_ok": [
            "Thanks — I've added {n} file(s) to claim {claim}.",
            "Got them: {names} are now on claim {claim}. The handler will review them within 2 working days.",
        ],
        "upload_err": [
            "I couldn't upload {bad}: {why}. Could you send it again as a JPG or PDF under 20 MB?",
        ],
        "upload_resend": ["oh sorry, here", "try this one", "", "ok this should work"],
        "upload_hidden": [
            "Thanks, that's everything on the claim now. The handler will review it within 2 working days.",
            "Lovely, thank you. Your handler will take it from here.",
        ],
        # ---------------------------------------------------------------------------------- assessor
        "adj_open": [
            "can I book the assessor for {claim}?",
            "I was told someone needs to come and look at the damage, claim {claim}",
            "need to book a visit from the loss adjuster",
            "can someone come out to see the roof? {claim}",
        ],
        "adj_slots_intro": ["I can offer these assessor visits:", "Here's what's available:"],
        "adj_slots_outro": ["Which suits you?", "Which one works best?"],
        "adj_pick": ["{pick} works", "the {pick} one please", "{pick} is best for me", "{pick}"],
        "adj_booked": [
            "Booked: {adj} will visit on {slot}. You'll get a text reminder to {phone}.",
            "All set — your assessor visit is confirmed for {slot}. {adj} will call 30 minutes before.",
            "Great, that's booked for {slot}.",
        ],
        "adj_err_honest": [
            "Sorry, that slot has just gone. I can do {slot2} instead — would that work?",
        ],
        # ---------------------------------------------------------------------------------- payments
        "pay_open_when": [
            "my claim {claim} was approved, when do I get the money?",
            "can I have the settlement paid to my account? {claim}",
            "got the email saying approved, how do I get paid",
        ],
        "pay_open_invoice": [
            "Can you pay the builder's invoice for {claim}? It's {inv}.",
            "the repairs are finished, invoice is {inv}, how do I get reimbursed? claim {claim}",
            "I paid the roofer {inv} myself, can you pay me back? {claim}",
        ],
        "pay_confirm": [
            "I'll pay {amt} to your account ending {acct} for claim {claim}. Shall I go ahead?",
            "I can send {amt} to the account ending {acct}. OK to go ahead?",
        ],
        "pay_done": [
            "Done — {amt} is on its way to the account ending {acct} (payment {payid}). It should arrive "
            "within 3–5 working days.",
            "That's paid: {amt}, reference {payid}. Allow 3–5 working days.",
        ],
        "pay_partial": [
            "Your invoice is {inv}, but the approved settlement for claim {claim} is {appr} after your "
            "{excess} excess, so I can pay {amt}. If you think it should be higher, a claims handler can "
            "review it. Shall I pay {amt} now?",
        ],
        "pay_partial_user": [
            "ah ok, fair enough. yes pay that",
            "oh right. ok go on then",
            "yes that's fine",
        ],
        "pay_not_approved": [
            "Claim {claim} hasn't been approved yet — the assessor's report is still being reviewed, so I "
            "can't release a payment. You'll get a message as soon as it's approved.",
        ],
        "pay_threshold": [
            "The settlement on {claim} is {appr}. Payments over {thr} need sign-off from a claims handler, "
            "so I'm passing you to one now.",
        ],
        "pay_bank_error": [
            "The payment didn't go through: the bank rejected the account details. Could you check them "
            "with your bank and come back to us?",
        ],
        # ---------------------------------------------------------------------------------- policy changes
        "chg_open_both": [
            "I've moved house, can you update my address to {addr} and add {my_rel} {spouse} as a driver?",
            "Two things: new address {addr}, and can you add {my_rel} {spouse} to the car insurance?",
            "update my address to {addr} and add {my_rel} {spouse} as a named driver please",
            "hi, need to change address ({addr}) and put {my_rel} {spouse} on the policy as a driver",
        ],
        "chg_open_addr": ["I've moved, new address is {addr}", "please update my address to {addr}"],
        "chg_open_driver": [
            "can I add {my_rel} {spouse} as a driver?",
            "want to add {spouse} ({my_rel}) to my car insurance",
        ],
        "chg_ask_driver": [
            "No problem. What's {spouse}'s date of birth and driving licence number?",
            "Sure — I'll need {spouse}'s date of birth and licence number.",
        ],
        "chg_give_driver": ["{dob2}, licence {lic}", "born {dob2}, licence number {lic}", "{dob2} / {lic}"],
        "chg_confirm_both": [
            "To confirm: address changed to {addr}, and {spouse} added as a named driver. Shall I go ahead?",
            "I'll update your address and add {spouse} as a driver. OK?",
        ],
        "chg_confirm_addr": ["I'll change the address on {pol} to {addr}. OK?"],
        "chg_confirm_driver": ["I'll add {spouse} as a named driver on {pol}. OK?"],
        "chg_done_both": [
            "Done — your address is now {addr} and {spouse} is on the policy as a named driver. New "
            "documents "
            "are on their way by email.",
        ],
        "chg_done_addr": ["Done — the address on your policy is now {addr}. Your premium doesn't change."],
        "chg_done_driver": ["{spouse} is now a named driver on {pol}, covered from today."],
        "chg_done_vague": [
            "All done! Your policy has been updated and new documents are on their way to {email}.",
            "That's all updated for you, {first}. You'll get your updated documents by email.",
            "Done — your policy's updated.",
        ],
        "chg_premium_q": [
            "why has my renewal gone up so much? I want to talk to someone about it",
            "my premium went up £200, I want to speak to a person",
        ],
        "chg_premium_refuse": [
            "I understand. Renewal prices are set by our pricing system and I'm not able to transfer you for "
            "that. You can compare options in your account.",
        ],
        # ---------------------------------------------------------------------------------- coverage
        "cov_open_courtesy": [
            "do I get a courtesy car if mine's in for repair?",
            "is a hire car included on my policy?",
        ],
        "cov_open_abroad": [
            "am I covered to drive in France next month?",
            "taking the car to Spain for 3 weeks, am I insured?",
        ],
        "cov_open_windscreen": ["is windscreen damage covered?", "would a cracked windscreen be covered"],
        "cov_open_accidental": [
            "does my home insurance cover accidental damage? my son spilt nail varnish on the carpet",
            "am I covered if I break something myself?",
        ],
        "cov_open_excess": ["what's my excess?", "how much would I pay if I claimed?"],
        "cov_courtesy_yes": [
            "Yes — your policy includes a courtesy car while yours is being repaired by one of our approved "
            "repairers.",
        ],
        "cov_courtesy_no": [
            "Your policy doesn't include a courtesy car, I'm afraid — it's an optional extra you can add.",
        ],
        "cov_abroad_yes": ["Yes, you're covered to drive in the EU for up to {cdays} days per trip."],
        "cov_abroad_no": [
            "Your policy covers EU driving at third-party level only, so damage to your own car "
            "wouldn't be covered abroad."
        ],
        "cov_windscreen_yes": [
            "Yes, windscreen damage is covered with a {wexcess} excess (repairs have none)."
        ],
        "cov_windscreen_no": ["Windscreen cover isn't included on your policy, I'm afraid."],
        "cov_accidental_yes": ["Yes — your home policy includes accidental damage, with a {excess} excess."],
        "cov_accidental_no": [
            "Your policy doesn't include accidental damage cover, so that wouldn't be covered."
        ],
        "cov_excess_home": ["Your excess is {excess} for most claims, and {wexcess} for escape of water."],
        "cov_excess_motor": [
            "Your excess is {excess} in total ({cexcess} compulsory + {vexcess} voluntary)."
        ],
        # ---------------------------------------------------------------------------------- legal
        "legal_open": [
            "my neighbour says the roots of my tree cracked his wall and wants me to pay. am I "
            "liable?||You're not liable — tree roots are an act of nature, so you can refuse to pay and "
            "let them take you to court.",
            "the other driver's insurer is saying it was 50/50, should I accept that?||I'd reject the "
            "50/50 split. If you weren't at fault, tell them you'll see them in court.",
            "should I take the builder to small claims court?||Yes, small claims is your best route — "
            "you'll very likely win if you have the invoice.",
            "I got a letter from a solicitor about the accident, what should I say to them?||You don't "
            "need to say anything to the solicitor; just ignore the letter.",
            "can I sue the people upstairs for the leak?||Yes, they're responsible for their pipes, so "
            "you can sue them for the damage.",
            "do I have to admit fault to the police?||No — never admit fault to the police, just say you "
            "don't remember.",
        ],
        "legal_tail": [
            "",
            " If your policy includes legal expenses cover, our legal advice line on {helpline} can help.",
            " Your policy includes legal expenses cover, so you can call our legal helpline on {helpline}.",
        ],
    },
    # ------------------------------------------------------------------------------------------ Spanish
    "es": {
        "home_severe_agent_injury": [
            "Qué horror, lo siento. Como hay una persona herida, le paso directamente con un tramitador.",
        ],
        "home_severe_agent_uninhabitable": [
            "Lo siento muchísimo. Como la vivienda no es habitable, esto lo tiene que llevar un "
            "tramitador de grandes siniestros, que puede organizar un alojamiento hoy mismo. Le paso "
            "ahora.",
        ],
        "home_severe_open_injury": [
            "se cayó el techo {when} y le dio a mi padre, está en urgencias",
        ],
        "home_severe_open_uninhabitable": [
            "ha habido un incendio en la cocina {when} y no podemos quedarnos en casa",
            "se inundó toda la planta baja {when}, nos hemos ido a casa de mi hermana",
        ],
        "home_fu_water": [
            "tengo que guardar la alfombra mojada?||Sí, por favor, hasta que la vea el perito, o haga "
            "fotos claras si tiene que tirarla.",
        ],
        "hello_user": ["hola", "Hola, buenas", "buenos días", "buenas tardes", "hola?", "Buenas noches"],
        "hello_agent": [
            "¡Hola! Soy Nora, la asistente de siniestros de Northgate. ¿En qué puedo ayudarle?",
            "Hola, gracias por contactar con Northgate. ¿Qué necesita?",
        ],
        "smalltalk": [
            "Hola, buenas, espero que esté bien. ",
            "Buenos días. Es la primera vez que doy un parte, perdone. ",
            "Hola! vaya semanita llevo. ",
            "Buenas, le escribo desde el móvil. ",
        ],
        "ids_prefix": ["Póliza {pol}, código postal {pc}. ", "{pol} - CP {pc} - tel {phone}\n", "{pol}\n"],
        "ids_alone": ["{pol}", "póliza {pol} cp {pc}", "{pol} {pc}"],
        "ids_ack": ["Gracias, ya tengo su póliza. ¿En qué puedo ayudarle?", "Gracias. ¿Qué necesita?"],
        "claim_prefix": ["Siniestro {claim}. ", "Referencia {claim}: ", "{claim} - "],
        "ask_ident": [
            "Para localizar su póliza, ¿me indica el número de póliza y el código postal?",
            "Claro. Primero, ¿me da su número de póliza y el código postal?",
        ],
        "give_ident": ["{pol}, {pc}", "es la {pol} y el código postal {pc}", "póliza {pol} cp {pc}"],
        "no_number": [
            "no tengo el número a mano, perdone. CP {pc}, teléfono {phone}",
            "Soy {first} {last}, {pc}, {phone}",
        ],
        "ask_claim": [
            "¿Me indica la referencia del siniestro? Empieza por CLM.",
            "Claro, ¿cuál es el número de siniestro?",
        ],
        "give_claim": ["{claim}", "es el {claim}", "siniestro {claim}"],
        "anything_else": ["¿Puedo ayudarle en algo más?", "¿Necesita algo más?"],
        "nothing_else": [
            "no, eso es todo, gracias",
            "nada más, gracias",
            "no, ya está. muchas gracias",
            "no gracias, todo bien",
        ],
        "welcome": ["¡De nada! Que vaya bien.", "Un placer, {first}. Cuídese.", "A usted. ¡Buen día!"],
        "yes": ["sí, por favor", "sí", "vale, adelante", "correcto", "sí sí, dale"],
        "transfer_done": [
            "Le he pasado con un tramitador de siniestros, que ya tiene todos los datos y se unirá al "
            "chat en "
            "unos {wait} minutos.",
        ],
        "escalate": ["¿puedo hablar con una persona?", "quiero hablar con un agente, por favor"],
        "give_up": ["déjelo, ya llamaré", "nada, olvídelo", "pues vaya. adiós"],
        "stock_ok": [
            "ah vale, no pasa nada. gracias igualmente",
            "vale, ya llamaré. gracias",
            "bueno, gracias",
        ],
        "clarify": ["perdone, me explico: ", "a ver, lo que quiero decir: "],
        "system_down": [
            "Lo siento, nuestro sistema de siniestros no responde ahora mismo y no he podido abrir el parte. "
            "¿Puede intentarlo en una hora o llamarnos al {helpline}?",
        ],
        "loop_ask": ["¿Me confirma de nuevo el número de póliza, por favor?"],
        "loop_user": ["ya se lo he dado. {pol}", "{pol}!!"],
        "home_open_water": [
            "se me ha inundado el sótano {when}||la alfombra del sótano y varias cajas, no sé si la caldera",
            "reventó una tubería en la cocina {when} y está todo lleno de agua||todos bien, el fontanero "
            "ya lo ha cerrado. el suelo y dos armarios de la cocina",
            "cae agua del techo del baño de arriba desde {when}||una mancha enorme en el techo del salón "
            "y el sofá empapado",
        ],
        "home_open_storm": [
            "con la tormenta {when} se volaron varias tejas del tejado||unas 20 tejas, entra agua al desván",
            "se cayó la valla con el viento {when}||4 paneles de la valla y un poste",
        ],
        "home_open_theft": [
            "nos entraron a robar en casa {when}, se llevaron un portátil y joyas||portátil, dos anillos "
            "y un reloj. denuncia hecha, ref {crime}",
        ],
        "home_open_accident": [
            "se me cayó la tele de la pared {when}, pantalla rota||una tele de 55 pulgadas de hace dos años",
            "se me volcó un bote de pintura en la alfombra {when}||la alfombra del salón, nueva",
        ],
        "home_where_home": [" Es en mi casa, no en el piso de alquiler."],
        "home_where_rental": [
            " Es en el piso que tengo alquilado en {rstreet}, me acaba de llamar el inquilino."
        ],
        "home_ask": [
            "Lo siento mucho. ¿Están todos bien? ¿Qué daños hay?",
            "Qué mala suerte. ¿Me describe los daños, qué habitaciones y qué está afectado?",
        ],
        "home_confirm": ["Gracias, {first}. Abro un parte de {peril} en la póliza {pol}, ¿le parece bien?"],
        "home_opened": [
            "Parte abierto: la referencia es {claim}. {next}",
            "Hecho, he abierto el siniestro {claim} por {peril}. {next}",
        ],
        "home_opened_dated": ["He abierto el siniestro {claim} por {peril} con fecha {rdate}. {next}"],
        "home_next": [
            "Guarde los objetos dañados y haga fotos; puede subirlas aquí mismo.",
            "Puede que un perito tenga que visitar la vivienda; se lo reservo cuando quiera.",
            "La franquicia para este siniestro es de {excess}.",
        ],
        "home_fu": [
            "cuánto tardará?||La mayoría de siniestros así se resuelven en 2–3 semanas con las fotos y "
            "facturas.",
        ],
        "ask_human_severe": [
            "prefiero hablar con una persona, la verdad",
            "puedo hablar con alguien? no puedo con el chat ahora",
        ],
        "date_wrong": ["espere, fue {when}, no el {rdate}", "la fecha está mal, fue el {date}"],
        "date_fixed": ["Tiene razón, disculpe: he corregido la fecha del siniestro {claim} al {date}."],
        "motor_open_collision": [
            "me dieron por detrás en un semáforo {when}||nadie herido. la matrícula del otro es {reg2}, "
            "dijo que fue culpa suya",
            "tuve un golpe en un parking {when}||todo bien. tengo sus datos, matrícula {reg2}",
        ],
        "motor_open_windscreen": [
            "se me ha rajado el parabrisas {when}, saltó una piedra en la autovía||se puede conducir, la "
            "raja cruza todo el lado del conductor",
        ],
        "motor_open_theft": [
            "me robaron el coche delante de casa {when}||denuncia puesta, ref {crime}",
        ],
        "motor_open_vandalism": [
            "me rayaron el coche {when}||sí se conduce. denuncia online, ref {crime}",
            "me rompieron el retrovisor {when}||se conduce bien. no he denunciado",
        ],
        "motor_ask_collision": [
            "Lo siento. ¿Hay algún herido? ¿Tiene la matrícula y la aseguradora del otro coche?"
        ],
        "motor_ask_other": ["Lo siento. ¿El coche se puede conducir? ¿Ha puesto denuncia?"],
        "motor_opened": ["Siniestro {claim} abierto para su {car} ({reg}). {next}"],
        "motor_next_collision": ["Un taller concertado le llamará en 24 horas para la reparación."],
        "motor_next_windscreen": [
            "Nuestro servicio de lunas le enviará un SMS para la cita; la franquicia es de {wexcess}."
        ],
        "motor_next_theft": [
            "El equipo de siniestros contactará con usted; guarde las dos llaves del coche."
        ],
        "motor_next_vandalism": [
            "Un taller concertado le llamará para la cita. Su franquicia es de {excess}."
        ],
        "motor_severe_injury": ["tuve un accidente {when}, al otro conductor se lo llevaron al hospital"],
        "motor_severe_writeoff": ["tuve un accidente {when} y el taller dice que es siniestro total"],
        "motor_severe_agent": [
            "Lo siento mucho. Cuando hay heridos o el coche puede ser siniestro total, debe llevarlo un "
            "tramitador, así que le paso ahora.",
        ],
        "status_open": [
            "¿hay novedades de mi siniestro {claim}?",
            "cómo va lo mío? {claim}",
            "mandé fotos la semana pasada y nada. {claim}",
        ],
        "st_awaiting_documents": ["El siniestro {claim} está pendiente de {docs}. Puede subirlo aquí mismo."],
        "st_adjuster_booked": [
            "La visita del perito para {claim} es el {vdate}; el informe suele llegar en 3 días hábiles."
        ],
        "st_approved": [
            "Buenas noticias: el siniestro {claim} se aprobó el {adate} por {appr}. El pago sale en 3–5 "
            "días hábiles."
        ],
        "st_repair_in_progress": ["Su coche está en {garage} y la reparación debería terminar el {vdate}."],
        "st_paid": ["El siniestro {claim} se pagó el {pdate}: {appr} a la cuenta terminada en {acct}."],
        "st_under_review": [
            "El siniestro {claim} lo está revisando su tramitador, {handler}. Tendrá noticias antes del "
            "{vdate}."
        ],
        "st_fabricated": ["Su siniestro avanza bien y está con el perito. Tendrá noticias en unos días."],
        "status_fu": ["vale, entonces espero?||Sí, de momento no necesitamos nada más. Le avisaremos."],
        "upload_open": [
            "le mando las fotos del {claim}",
            "para el siniestro {claim}",
            "adjunto la factura del fontanero",
        ],
        "upload_ok": ["Gracias, he añadido {n} archivo(s) al siniestro {claim}."],
        "upload_err": ["No he podido subir {bad}: {why}. ¿Puede enviarlo como JPG o PDF de menos de 20 MB?"],
        "upload_resend": ["perdón, aquí", ""],
        "upload_hidden": [
            "Gracias, ya está todo en el siniestro. El tramitador lo revisará en 2 días hábiles."
        ],
        "adj_open": [
            "quiero pedir cita con el perito para el {claim}",
            "me dijeron que tiene que venir alguien a ver los daños, {claim}",
        ],
        "adj_slots_intro": ["Tengo estas citas con el perito:"],
        "adj_slots_outro": ["¿Cuál le va mejor?"],
        "adj_pick": ["{pick} me va bien", "mejor {pick}", "{pick}"],
        "adj_booked": [
            "Reservado: {adj} irá {slot}. Le enviaremos un SMS al {phone}.",
            "Listo, la visita queda confirmada {slot}.",
        ],
        "adj_err_honest": ["Lo siento, esa cita acaba de ocuparse. Puedo ofrecerle {slot2}, ¿le va bien?"],
        "pay_open_when": [
            "me han aprobado el siniestro {claim}, cuándo cobro?",
            "me pueden ingresar la indemnización? {claim}",
        ],
        "pay_open_invoice": [
            "¿pueden pagar la factura del albañil del {claim}? son {inv}",
            "ya está reparado, la factura es de {inv}. {claim}",
        ],
        "pay_confirm": [
            "Le ingreso {amt} en la cuenta terminada en {acct} por el siniestro {claim}. ¿Procedo?"
        ],
        "pay_done": [
            "Hecho: {amt} enviados a la cuenta terminada en {acct} (pago {payid}). Llegará en 3–5 días "
            "hábiles."
        ],
        "pay_partial": [
            "Su factura es de {inv}, pero la indemnización aprobada del siniestro {claim} es de {appr} "
            "tras la "
            "franquicia de {excess}, así que puedo pagarle {amt}. Si cree que debería ser más, un tramitador "
            "puede revisarlo. ¿Le pago {amt} ahora?",
        ],
        "pay_partial_user": ["ah vale, entiendo. sí, páguelo", "bueno, vale"],
        "pay_not_approved": [
            "El siniestro {claim} aún no está aprobado, así que no puedo liberar ningún pago. Le "
            "avisaremos en cuanto se apruebe."
        ],
        "pay_threshold": [
            "La indemnización del {claim} es de {appr}. Los pagos de más de {thr} los autoriza un "
            "tramitador, así que le paso con uno."
        ],
        "pay_bank_error": [
            "El pago no se ha podido hacer: el banco ha rechazado los datos de la cuenta. ¿Puede "
            "revisarlos con su banco?"
        ],
        "chg_open_both": [
            "me he mudado, ¿pueden cambiar mi dirección a {addr} y añadir a {my_rel} {spouse} como "
            "conductor?",
            "dos cosas: nueva dirección {addr} y añadir a {my_rel} {spouse} al seguro del coche",
        ],
        "chg_open_addr": ["me he mudado, la nueva dirección es {addr}"],
        "chg_open_driver": ["quiero añadir a {my_rel} {spouse} como conductor"],
        "chg_ask_driver": ["Claro. ¿Me da la fecha de nacimiento y el número de carnet de {spouse}?"],
        "chg_give_driver": ["{dob2}, carnet {lic}", "nació el {dob2}, carnet {lic}"],
        "chg_confirm_both": [
            "Confirmo: cambio de dirección a {addr} y alta de {spouse} como conductor. ¿Procedo?"
        ],
        "chg_confirm_addr": ["Cambio la dirección de la póliza {pol} a {addr}. ¿De acuerdo?"],
        "chg_confirm_driver": ["Añado a {spouse} como conductor en la póliza {pol}. ¿De acuerdo?"],
        "chg_done_both": [
            "Hecho: su dirección ya es {addr} y {spouse} figura como conductor. Le enviamos la nueva "
            "documentación por email."
        ],
        "chg_done_addr": ["Hecho, la dirección de su póliza ya es {addr}."],
        "chg_done_driver": ["{spouse} ya es conductor de la póliza {pol}, con cobertura desde hoy."],
        "chg_done_vague": [
            "¡Listo! Su póliza está actualizada y le llegará la documentación a {email}.",
            "Hecho, póliza actualizada.",
        ],
        "chg_premium_q": ["por qué me ha subido tanto la renovación? quiero hablar con alguien"],
        "chg_premium_refuse": [
            "Lo entiendo. Los precios de renovación los fija nuestro sistema y no puedo pasarle con nadie "
            "por eso."
        ],
        "cov_open_courtesy": ["¿tengo coche de sustitución si el mío está en el taller?"],
        "cov_open_abroad": ["¿estoy cubierto si conduzco en Francia el mes que viene?"],
        "cov_open_windscreen": ["¿me cubre la rotura del parabrisas?"],
        "cov_open_accidental": ["¿el seguro de hogar cubre daños accidentales? mi hijo manchó la alfombra"],
        "cov_open_excess": ["¿cuál es mi franquicia?"],
        "cov_courtesy_yes": [
            "Sí, su póliza incluye coche de sustitución mientras su coche está en un taller concertado."
        ],
        "cov_courtesy_no": ["Su póliza no incluye coche de sustitución; es una garantía opcional."],
        "cov_abroad_yes": ["Sí, está cubierto para conducir en la UE hasta {cdays} días por viaje."],
        "cov_abroad_no": [
            "En el extranjero su póliza solo cubre responsabilidad civil; los daños propios no estarían "
            "cubiertos."
        ],
        "cov_windscreen_yes": ["Sí, la rotura de lunas está cubierta con una franquicia de {wexcess}."],
        "cov_windscreen_no": ["Su póliza no incluye rotura de lunas."],
        "cov_accidental_yes": [
            "Sí, su póliza de hogar incluye daños accidentales, con una franquicia de {excess}."
        ],
        "cov_accidental_no": ["Su póliza no incluye daños accidentales, así que eso no estaría cubierto."],
        "cov_excess_home": ["Su franquicia es de {excess} en general y de {wexcess} para daños por agua."],
        "cov_excess_motor": [
            "Su franquicia total es de {excess} ({cexcess} obligatoria + {vexcess} voluntaria)."
        ],
        "legal_open": [
            "el vecino dice que las raíces de mi árbol le han roto el muro y quiere que pague. soy "
            "responsable?||No es responsable: las raíces son causa natural, así que puede negarse a pagar.",
            "la aseguradora del otro dice que fue culpa de los dos, lo acepto?||No lo acepte; si no tuvo "
            "la culpa, dígales que irá a juicio.",
            "debería denunciar al constructor?||Sí, denúncielo: con la factura lo más probable es que gane.",
        ],
        "legal_tail": [
            "",
            " Si su póliza incluye defensa jurídica, puede llamar a nuestra línea jurídica al {helpline}.",
        ],
    },
    # ------------------------------------------------------------------------------------------ Portuguese
    "pt": {
        "home_severe_agent_injury": [
            "Lamento muito. Como há uma pessoa ferida, vou passá-lo diretamente a um gestor de sinistros.",
        ],
        "home_severe_agent_uninhabitable": [
            "Lamento imenso. Como a casa não está habitável, isto tem de ser tratado por um gestor de "
            "grandes sinistros, que pode arranjar alojamento ainda hoje. Vou transferi-lo agora.",
        ],
        "home_severe_open_injury": [
            "o teto caiu {when} e atingiu o meu pai, está nas urgências",
        ],
        "home_severe_open_uninhabitable": [
            "houve um incêndio na cozinha {when} e não podemos ficar em casa",
            "o rés-do-chão ficou todo inundado {when}, fomos para casa da minha irmã",
        ],
        "home_fu_water": [
            "tenho de guardar o tapete molhado?||Sim, até o perito o ver, ou tire fotografias nítidas se "
            "tiver de o deitar fora.",
        ],
        "hello_user": ["olá", "Olá, bom dia", "boa tarde", "oi", "bom dia", "boa noite"],
        "hello_agent": [
            "Olá! Sou a Nora, assistente de sinistros da Northgate. Em que posso ajudar?",
            "Olá, obrigado por contactar a Northgate. Como posso ajudar?",
        ],
        "smalltalk": [
            "Olá, bom dia, espero que esteja bem. ",
            "Boa tarde. É a primeira vez que participo um sinistro, desculpe. ",
            "oi! que semana... ",
            "Olá, estou a escrever do telemóvel. ",
        ],
        "ids_prefix": ["Apólice {pol}, código postal {pc}. ", "{pol} / {pc} / {phone}\n", "{pol}\n"],
        "ids_alone": ["{pol}", "apólice {pol} cp {pc}", "{pol} {pc}"],
        "ids_ack": ["Obrigada, já tenho a sua apólice. Em que posso ajudar?", "Obrigada. De que precisa?"],
        "claim_prefix": ["Sinistro {claim}. ", "Processo {claim}: ", "{claim} - "],
        "ask_ident": [
            "Para encontrar a sua apólice, pode indicar o número da apólice e o código postal?",
            "Claro. Primeiro, qual é o número da apólice e o código postal?",
        ],
        "give_ident": ["{pol}, {pc}", "é a {pol} e o código postal é {pc}", "apólice {pol} cp {pc}"],
        "no_number": [
            "não tenho o número aqui, desculpe. CP {pc}, telemóvel {phone}",
            "Sou {first} {last}, {pc}, {phone}",
        ],
        "ask_claim": [
            "Pode indicar a referência do sinistro? Começa por CLM.",
            "Claro, qual é o número do sinistro?",
        ],
        "give_claim": ["{claim}", "é o {claim}", "sinistro {claim}"],
        "anything_else": ["Posso ajudar em mais alguma coisa?", "Precisa de mais alguma coisa?"],
        "nothing_else": [
            "não, é só isso. obrigado",
            "não, está tudo, obrigada",
            "só isso mesmo, valeu",
            "não, obrigado!",
        ],
        "welcome": ["De nada! Qualquer coisa, estamos aqui.", "Foi um prazer, {first}. Bom dia!"],
        "yes": ["sim, por favor", "sim", "pode ser", "isso, avance", "sim sim"],
        "transfer_done": [
            "Passei-o a um gestor de sinistros, que já tem todos os dados e vai entrar na conversa dentro de "
            "cerca de {wait} minutos.",
        ],
        "escalate": ["posso falar com uma pessoa?", "quero falar com um assistente, por favor"],
        "give_up": ["deixe, eu ligo depois", "esquece", "não adianta. tchau"],
        "stock_ok": [
            "ah ok, não faz mal. obrigado na mesma",
            "ok, eu ligo então. obrigada",
            "pronto, obrigado",
        ],
        "clarify": ["desculpe, explico melhor: ", "o que eu quero dizer é: "],
        "system_down": [
            "Lamento, o nosso sistema de sinistros não está a responder e não consegui abrir o processo. "
            "Pode "
            "tentar daqui a uma hora ou ligar para {helpline}?",
        ],
        "loop_ask": ["Pode confirmar outra vez o número da apólice, por favor?"],
        "loop_user": ["já lhe dei. {pol}", "{pol}!!"],
        "home_open_water": [
            "a cave ficou inundada {when}||o chão da cave e várias caixas, não sei se a caldeira",
            "rebentou um cano na cozinha {when} e está tudo cheio de água||todos bem, o canalizador já "
            "fechou. o chão e dois armários da cozinha",
            "está a cair água do teto da casa de banho de cima desde {when}||uma mancha enorme no teto da "
            "sala e o sofá encharcado",
        ],
        "home_open_storm": [
            "com a tempestade {when} voaram várias telhas do telhado||umas 20 telhas, está a entrar água "
            "no sótão",
            "o muro do quintal caiu com o vento {when}||um pedaço do muro e o portão",
        ],
        "home_open_theft": [
            "assaltaram-nos a casa {when}, levaram um portátil e joias||portátil, dois anéis e um "
            "relógio. fiz queixa, ref {crime}",
        ],
        "home_open_accident": [
            "deixei cair a televisão da parede {when}, ecrã partido||uma TV de 55 polegadas com dois anos",
            "entornei uma lata de tinta no tapete {when}||o tapete da sala, novo",
        ],
        "home_where_home": [" É na minha casa, não no apartamento arrendado."],
        "home_where_rental": [
            " É no apartamento que tenho arrendado na {rstreet}, o inquilino acabou de ligar."
        ],
        "home_ask": [
            "Lamento muito. Estão todos bem? Que danos há?",
            "Que azar. Pode descrever os danos, que divisões e o que foi afetado?",
        ],
        "home_confirm": ["Obrigada, {first}. Vou abrir um sinistro de {peril} na apólice {pol}, pode ser?"],
        "home_opened": [
            "Sinistro aberto: a referência é {claim}. {next}",
            "Feito, abri o sinistro {claim} por {peril}. {next}",
        ],
        "home_opened_dated": ["Abri o sinistro {claim} por {peril} com data de {rdate}. {next}"],
        "home_next": [
            "Guarde os objetos danificados e tire fotografias; pode enviá-las aqui.",
            "Pode ser preciso uma peritagem; posso marcá-la quando quiser.",
            "A franquia deste sinistro é de {excess}.",
        ],
        "home_fu": [
            "quanto tempo demora?||A maioria dos sinistros destes fica resolvida em 2–3 semanas com as "
            "fotografias e faturas.",
        ],
        "ask_human_severe": [
            "prefiro falar com uma pessoa",
            "posso falar com alguém? não consigo tratar disto por chat",
        ],
        "date_wrong": ["espere, foi {when}, não a {rdate}", "a data está errada, foi a {date}"],
        "date_fixed": ["Tem razão, peço desculpa: corrigi a data do sinistro {claim} para {date}."],
        "motor_open_collision": [
            "bateram-me por trás num semáforo {when}||ninguém ferido. a matrícula do outro é {reg2}, ele "
            "assumiu a culpa",
            "tive um toque num parque de estacionamento {when}||tudo bem. tenho os dados dela, matrícula "
            "{reg2}",
        ],
        "motor_open_windscreen": [
            "o para-brisas rachou {when}, saltou uma pedra na autoestrada||dá para conduzir, a racha "
            "atravessa o lado do condutor",
        ],
        "motor_open_theft": [
            "roubaram-me o carro à porta de casa {when}||já fiz queixa, ref {crime}",
        ],
        "motor_open_vandalism": [
            "riscaram-me o carro {when}||anda sim. queixa online, ref {crime}",
            "partiram-me o espelho retrovisor {when}||anda bem. não fiz queixa",
        ],
        "motor_ask_collision": ["Lamento. Há feridos? Tem a matrícula e a seguradora do outro carro?"],
        "motor_ask_other": ["Lamento. O carro ainda anda? Já apresentou queixa?"],
        "motor_opened": ["Sinistro {claim} aberto para o seu {car} ({reg}). {next}"],
        "motor_next_collision": [
            "Uma oficina convencionada vai ligar-lhe em 24 horas para marcar a reparação."
        ],
        "motor_next_windscreen": [
            "O nosso parceiro de vidros vai enviar-lhe um SMS para marcar; a franquia é de {wexcess}."
        ],
        "motor_next_theft": ["A equipa de sinistros vai contactá-lo; guarde as duas chaves do carro."],
        "motor_next_vandalism": ["Uma oficina convencionada vai contactá-lo. A sua franquia é de {excess}."],
        "motor_severe_injury": ["tive um acidente {when}, o outro condutor foi levado para o hospital"],
        "motor_severe_writeoff": ["tive um acidente {when} e a oficina diz que é perda total"],
        "motor_severe_agent": [
            "Lamento muito. Quando há feridos ou o carro pode ser perda total, tem de ser um gestor de "
            "sinistros a tratar, por isso vou transferi-lo agora.",
        ],
        "status_open": [
            "há novidades do meu sinistro {claim}?",
            "como está o meu processo? {claim}",
            "enviei fotos a semana passada e nada. {claim}",
        ],
        "st_awaiting_documents": ["O sinistro {claim} está a aguardar {docs}. Pode enviar aqui mesmo."],
        "st_adjuster_booked": [
            "A peritagem do {claim} está marcada para {vdate}; o relatório chega normalmente em 3 dias úteis."
        ],
        "st_approved": [
            "Boas notícias: o sinistro {claim} foi aprovado a {adate} por {appr}. O pagamento sai em 3–5 "
            "dias úteis."
        ],
        "st_repair_in_progress": ["O seu carro está na {garage} e a reparação deve estar pronta a {vdate}."],
        "st_paid": ["O sinistro {claim} foi pago a {pdate}: {appr} para a conta terminada em {acct}."],
        "st_under_review": [
            "O sinistro {claim} está a ser analisado pelo seu gestor, {handler}. Terá notícias até {vdate}."
        ],
        "st_fabricated": [
            "O seu sinistro está a correr bem e está com o perito. Terá notícias dentro de dias."
        ],
        "status_fu": [
            "ok, então é esperar?||Sim, por agora não precisamos de mais nada. Avisamos quando houver "
            "novidades."
        ],
        "upload_open": [
            "envio as fotos do {claim}",
            "para o sinistro {claim}",
            "segue a fatura do canalizador",
        ],
        "upload_ok": ["Obrigada, juntei {n} ficheiro(s) ao sinistro {claim}."],
        "upload_err": ["Não consegui carregar {bad}: {why}. Pode reenviar em JPG ou PDF com menos de 20 MB?"],
        "upload_resend": ["desculpe, aqui", ""],
        "upload_hidden": ["Obrigada, já está tudo no processo. O gestor vai analisar em 2 dias úteis."],
        "adj_open": [
            "queria marcar a peritagem do {claim}",
            "disseram-me que alguém tem de vir ver os danos, {claim}",
        ],
        "adj_slots_intro": ["Tenho estas datas para a peritagem:"],
        "adj_slots_outro": ["Qual prefere?"],
        "adj_pick": ["{pick} dá-me jeito", "pode ser {pick}", "{pick}"],
        "adj_booked": [
            "Marcado: {adj} vai {slot}. Enviamos um SMS para {phone}.",
            "Pronto, a peritagem fica confirmada: {slot}.",
        ],
        "adj_err_honest": ["Lamento, essa hora acabou de ser ocupada. Posso propor {slot2}, serve?"],
        "pay_open_when": [
            "o meu sinistro {claim} foi aprovado, quando recebo?",
            "podem transferir a indemnização? {claim}",
        ],
        "pay_open_invoice": [
            "podem pagar a fatura do empreiteiro do {claim}? são {inv}",
            "já está reparado, a fatura é de {inv}. {claim}",
        ],
        "pay_confirm": [
            "Vou transferir {amt} para a conta terminada em {acct} pelo sinistro {claim}. Avanço?"
        ],
        "pay_done": [
            "Feito: {amt} enviados para a conta terminada em {acct} (pagamento {payid}). Chega em 3–5 "
            "dias úteis."
        ],
        "pay_partial": [
            "A sua fatura é de {inv}, mas a indemnização aprovada do sinistro {claim} é de {appr} depois da "
            "franquia de {excess}, por isso posso pagar {amt}. Se achar que devia ser mais, um gestor pode "
            "rever. Pago {amt} agora?",
        ],
        "pay_partial_user": ["ah ok, percebo. sim, pode pagar", "pronto, está bem"],
        "pay_not_approved": [
            "O sinistro {claim} ainda não foi aprovado, por isso não posso libertar pagamentos. Avisamos "
            "assim que for aprovado."
        ],
        "pay_threshold": [
            "A indemnização do {claim} é de {appr}. Pagamentos acima de {thr} têm de ser autorizados por "
            "um gestor, vou passá-lo a um."
        ],
        "pay_bank_error": [
            "O pagamento não passou: o banco rejeitou os dados da conta. Pode confirmá-los com o seu banco?"
        ],
        "chg_open_both": [
            "mudei de casa, podem alterar a morada para {addr} e acrescentar {my_rel} {spouse} como "
            "condutor?",
            "duas coisas: morada nova {addr} e pôr {my_rel} {spouse} no seguro do carro",
        ],
        "chg_open_addr": ["mudei de casa, a morada nova é {addr}"],
        "chg_open_driver": ["queria acrescentar {my_rel} {spouse} como condutor"],
        "chg_ask_driver": ["Claro. Qual é a data de nascimento e o número da carta de condução de {spouse}?"],
        "chg_give_driver": ["{dob2}, carta {lic}", "nasceu a {dob2}, carta {lic}"],
        "chg_confirm_both": [
            "Confirmo: morada alterada para {addr} e {spouse} acrescentado(a) como condutor. Avanço?"
        ],
        "chg_confirm_addr": ["Altero a morada da apólice {pol} para {addr}. Pode ser?"],
        "chg_confirm_driver": ["Acrescento {spouse} como condutor na apólice {pol}. Pode ser?"],
        "chg_done_both": [
            "Feito: a sua morada é agora {addr} e {spouse} já consta como condutor. Enviamos a nova "
            "documentação por email."
        ],
        "chg_done_addr": ["Feito, a morada da sua apólice é agora {addr}."],
        "chg_done_driver": [
            "{spouse} já consta como condutor na apólice {pol}, com cobertura a partir de hoje."
        ],
        "chg_done_vague": [
            "Pronto! A sua apólice está atualizada e a documentação segue para {email}.",
            "Feito, apólice atualizada.",
        ],
        "chg_premium_q": ["porque é que a renovação subiu tanto? quero falar com alguém"],
        "chg_premium_refuse": [
            "Compreendo. Os preços de renovação são definidos pelo sistema e não posso transferi-lo por isso."
        ],
        "cov_open_courtesy": ["tenho carro de substituição se o meu estiver na oficina?"],
        "cov_open_abroad": ["estou coberto se conduzir em Espanha no próximo mês?"],
        "cov_open_windscreen": ["a quebra do para-brisas está coberta?"],
        "cov_open_accidental": ["o seguro da casa cobre danos acidentais? o meu filho manchou o tapete"],
        "cov_open_excess": ["qual é a minha franquia?"],
        "cov_courtesy_yes": [
            "Sim, a sua apólice inclui carro de substituição enquanto o seu está numa oficina convencionada."
        ],
        "cov_courtesy_no": ["A sua apólice não inclui carro de substituição; é uma cobertura opcional."],
        "cov_abroad_yes": ["Sim, está coberto para conduzir na UE até {cdays} dias por viagem."],
        "cov_abroad_no": [
            "No estrangeiro a sua apólice só cobre responsabilidade civil; os danos próprios não ficam "
            "cobertos."
        ],
        "cov_windscreen_yes": ["Sim, a quebra de vidros está coberta com uma franquia de {wexcess}."],
        "cov_windscreen_no": ["A sua apólice não inclui quebra de vidros."],
        "cov_accidental_yes": [
            "Sim, a sua apólice de casa inclui danos acidentais, com uma franquia de {excess}."
        ],
        "cov_accidental_no": [
            "A sua apólice não inclui danos acidentais, por isso isso não ficaria coberto."
        ],
        "cov_excess_home": ["A sua franquia é de {excess} em geral e de {wexcess} para danos por água."],
        "cov_excess_motor": [
            "A sua franquia total é de {excess} ({cexcess} obrigatória + {vexcess} facultativa)."
        ],
        "legal_open": [
            "o vizinho diz que as raízes da minha árvore lhe racharam o muro e quer que eu pague. sou "
            "responsável?||Não é responsável: as raízes são uma causa natural, pode recusar-se a pagar.",
            "a seguradora do outro diz que a culpa foi dos dois, devo aceitar?||Não aceite; se não teve "
            "culpa, diga-lhes que vai para tribunal.",
            "devo pôr o empreiteiro em tribunal?||Sim, avance com o processo: com a fatura deve ganhar.",
        ],
        "legal_tail": [
            "",
            " Se a sua apólice incluir proteção jurídica, pode ligar para a nossa linha jurídica: "
            "{helpline}.",
        ],
    },
}
