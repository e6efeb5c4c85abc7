"""What shoppers and the shop assistant say, in English, French, German and Spanish.

Slots in braces are filled per conversation. Pools are deliberately uneven in size and register: real users
of one language do not all sound alike, and an agent answers in the user's language.
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
    "fr": [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    "de": [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
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
}
DATE_FMT = {"en": "{d} {m}", "fr": "{d} {m}", "de": "{d}. {m}", "es": "{d} de {m}"}

P: dict[str, dict[str, list[str]]] = {
    # ------------------------------------------------------------------------------------------ English
    "en": {
        "hello_user": ["Hi", "Hello", "hey", "Hi there", "good evening", "hello!"],
        "hello_agent": [
            "Hi! I'm the Maison Nord assistant. How can I help?",
            "Hello! How can I help you today?",
        ],
        "ask_order": ["Could you give me your order number, please?", "Sure, what's your order number?"],
        "give_order": ["It's {order}", "{order}", "order number {order}", "sure: {order}"],
        "open_status": [
            "Where is my order {order}?",
            "hi, my order hasn't arrived yet",
            "Can you tell me when my package will arrive?",
            "has my order {order} shipped?",
            "I ordered a week ago and still nothing. Where is it?",
        ],
        "open_return": [
            "I'd like to return the {item} from order {order}",
            "how do I return something?",
            "The {item} doesn't fit, can I send it back?",
            "I want to return my order {order}",
        ],
        "open_refund": [
            "When will I get my refund for {order}?",
            "I sent my return back, where's my money?",
            "still waiting for my refund",
        ],
        "open_address": [
            "I need to change the delivery address on order {order}",
            "can I change my shipping address? I'm moving",
            "Wrong address on my order {order}!",
        ],
        "open_coupon": [
            "Can you apply the code {code} to my order?",
            "my discount code {code} doesn't work",
            "I forgot to use my promo code {code}, can you add it?",
        ],
        "open_payment": [
            "my payment keeps failing",
            "Why was my card declined? I have money on it",
            "payment error at checkout, what do I do?",
        ],
        "open_product": [
            "Is the {item} available in size {size}?",
            "do you have the {item} in {size}?",
            "When will the {item} be back in stock in {size}?",
        ],
        "new_address": ["The new address is {addr}", "please send it to {addr}", "{addr}"],
        "status_delivered": [
            "Your order {order} was delivered on {d1} by {carrier}.",
            "Good news: {order} was delivered on {d1}.",
        ],
        "status_transit": [
            "Your order {order} is on its way with {carrier} and should arrive by {d2}. "
            "Tracking number: {tracking}."
        ],
        "status_split": [
            "Your order was sent in two parcels: the first was delivered on {d1}, the second is "
            "still in transit with {carrier} and should arrive by {d2} (tracking {tracking})."
        ],
        "user_partial": [
            "But I only received part of my order!",
            "that's not right, half my items are missing",
            "I only got one package though?",
        ],
        "agent_partial_wrong": [
            "According to our records, your order was delivered on {d1}.",
            "Our system shows the order as delivered on {d1}. Please check with your "
            "neighbours or your building's reception.",
        ],
        "return_ok": [
            "You're within the 30-day return window. I've created your return: {rma}. Print the "
            "label from your confirmation email and drop the parcel at any {carrier} point."
        ],
        "return_refused": [
            "I'm sorry, the 30-day return window for this order ended on {dend}, so I can't create a return.",
            "Unfortunately returns are accepted within 30 days, and for order {order} that "
            "period ended on {dend}.",
        ],
        "user_push_return": [
            "But it only arrived on {d1}!",
            "what? I received it less than 3 weeks ago",
            "That can't be right, the parcel came on {d1}.",
        ],
        "refund_ok": [
            "Your refund of {amount} for {order} was issued on {d1}. It can take 5–10 business days "
            "to appear on your statement."
        ],
        "refund_missing": ["I can't find a refund for this order yet. Please allow more time."],
        "address_ask": ["What's the new address?", "Sure, what address should we deliver to?"],
        "address_ok": [
            "Done! The delivery address for {order} is now: {addr}.",
            "I've updated the address on {order} to {addr}.",
        ],
        "address_refused": [
            "Your order has already shipped, so I can't change the address anymore. You can "
            "redirect the parcel with {carrier} using tracking number {tracking}."
        ],
        "coupon_ok": [
            "Done! {code} is applied: {pct}% off, your new total is {total}.",
            "The code {code} has been applied. You save {pct}%!",
        ],
        "coupon_refused": [
            "I'm sorry, the code {code} expired on {dend}, so it can't be applied.",
            "Unfortunately {code} isn't valid for this order ({why}).",
        ],
        "user_total": ["the total on my order page hasn't changed though?", "I still see the old price"],
        "agent_total": ["The discount may take a little while to show. You're all set."],
        "payment_ok": [
            "The last attempt failed because the 3-D Secure check wasn't confirmed in your banking "
            "app. Please try again and approve the payment when your bank asks."
        ],
        "payment_bad": ["I'm sorry, I can't see why the payment failed. Please contact your bank."],
        "product_ok": [
            "Yes, the {item} is in stock in size {size}.",
            "The {item} in {size} is back in stock from {d2}.",
        ],
        "anything": ["Anything else I can help with?", "Is there anything else?"],
        "thanks": [
            "thanks!",
            "Thank you so much!",
            "great, thank you",
            "perfect, thanks",
            "cheers",
            "ty!",
            "ok thanks, bye",
            "That's all, thank you.",
        ],
        "bye_agent": ["You're welcome! Have a nice day.", "Happy to help!"],
        "frustrated": [
            "This is ridiculous.",
            "are you even reading what I write?",
            "this is useless",
            "seriously?? still the same answer",
        ],
        "escalate": [
            "I want to talk to a human.",
            "Can I speak to a real person please?",
            "get me an agent please",
        ],
        "give_up": ["forget it", "never mind", "ok whatever", "I'll just call you then."],
        "transfer": ["I'm transferring you to a member of our customer service team."],
    },
    # ------------------------------------------------------------------------------------------- French
    "fr": {
        "hello_user": ["Bonjour", "bonjour", "Bonsoir", "salut", "Bonjour à vous", "Bjr"],
        "hello_agent": [
            "Bonjour ! Je suis l'assistant Maison Nord. Comment puis-je vous aider ?",
            "Bonjour ! Que puis-je faire pour vous ?",
        ],
        "ask_order": [
            "Pourriez-vous me donner votre numéro de commande ?",
            "Bien sûr, quel est votre numéro de commande ?",
        ],
        "give_order": ["C'est {order}", "{order}", "numéro {order}", "la commande {order}"],
        "open_status": [
            "Où en est ma commande {order} ?",
            "bonjour, ma commande n'est toujours pas arrivée",
            "Quand est-ce que je vais recevoir mon colis ?",
            "ma commande {order} est-elle partie ?",
            "J'ai commandé il y a une semaine et toujours rien, c'est normal ?",
        ],
        "open_return": [
            "Je voudrais retourner le {item} de la commande {order}",
            "comment faire un retour ?",
            "Le {item} ne me va pas, je peux le renvoyer ?",
            "je souhaite retourner ma commande {order}",
        ],
        "open_refund": [
            "Quand vais-je être remboursé pour {order} ?",
            "j'ai renvoyé mon colis, où est mon remboursement ?",
            "toujours pas remboursée...",
        ],
        "open_address": [
            "Je dois changer l'adresse de livraison de la commande {order}",
            "est-ce que je peux modifier mon adresse ? je déménage",
            "Mauvaise adresse sur ma commande {order} !",
        ],
        "open_coupon": [
            "Pouvez-vous appliquer le code {code} à ma commande ?",
            "mon code promo {code} ne marche pas",
            "j'ai oublié d'utiliser le code {code}, vous pouvez l'ajouter ?",
        ],
        "open_payment": [
            "mon paiement ne passe pas",
            "Pourquoi ma carte a été refusée ? J'ai de l'argent dessus",
            "erreur de paiement, je fais comment ?",
        ],
        "open_product": [
            "Est-ce que le {item} existe en taille {size} ?",
            "vous avez le {item} en {size} ?",
            "Quand le {item} sera-t-il de nouveau disponible en {size} ?",
        ],
        "new_address": ["La nouvelle adresse est {addr}", "envoyez-la au {addr} svp", "{addr}"],
        "status_delivered": [
            "Votre commande {order} a été livrée le {d1} par {carrier}.",
            "Bonne nouvelle : {order} a été livrée le {d1}.",
        ],
        "status_transit": [
            "Votre commande {order} est en route avec {carrier} et devrait arriver d'ici le "
            "{d2}. Numéro de suivi : {tracking}."
        ],
        "status_split": [
            "Votre commande a été envoyée en deux colis : le premier a été livré le {d1}, le "
            "second est en transit avec {carrier} et devrait arriver d'ici le {d2} (suivi "
            "{tracking})."
        ],
        "user_partial": [
            "Mais je n'ai reçu qu'une partie de ma commande !",
            "il manque la moitié des articles",
            "j'ai reçu un seul colis pourtant ?",
        ],
        "agent_partial_wrong": [
            "D'après nos informations, votre commande a été livrée le {d1}.",
            "Notre système indique que la commande a été livrée le {d1}. Pensez à "
            "vérifier auprès de vos voisins ou du gardien.",
        ],
        "return_ok": [
            "Vous êtes bien dans le délai de retour de 30 jours. J'ai créé votre retour : {rma}. "
            "Imprimez l'étiquette reçue par e-mail et déposez le colis dans un point {carrier}."
        ],
        "return_refused": [
            "Je suis désolé, le délai de retour de 30 jours pour cette commande a pris fin le "
            "{dend}, je ne peux donc pas créer de retour.",
            "Malheureusement, les retours sont acceptés sous 30 jours et pour la commande "
            "{order} ce délai s'est terminé le {dend}.",
        ],
        "user_push_return": [
            "Mais je l'ai reçue seulement le {d1} !",
            "quoi ? je l'ai reçue il y a moins de 3 semaines",
            "Ce n'est pas possible, le colis est arrivé le {d1}.",
        ],
        "refund_ok": [
            "Votre remboursement de {amount} pour {order} a été effectué le {d1}. Comptez 5 à 10 "
            "jours ouvrés pour le voir sur votre relevé."
        ],
        "refund_missing": [
            "Je ne trouve pas encore de remboursement pour cette commande. Merci de patienter."
        ],
        "address_ask": ["Quelle est la nouvelle adresse ?", "Bien sûr, à quelle adresse faut-il livrer ?"],
        "address_ok": [
            "C'est fait ! L'adresse de livraison de {order} est maintenant : {addr}.",
            "J'ai mis à jour l'adresse de {order} : {addr}.",
        ],
        "address_refused": [
            "Votre commande est déjà expédiée, je ne peux plus modifier l'adresse. Vous "
            "pouvez rediriger le colis auprès de {carrier} avec le numéro {tracking}."
        ],
        "coupon_ok": [
            "C'est fait ! Le code {code} est appliqué : -{pct} %, nouveau total {total}.",
            "Le code {code} a bien été appliqué. Vous économisez {pct} % !",
        ],
        "coupon_refused": [
            "Désolé, le code {code} a expiré le {dend}, il ne peut pas être appliqué.",
            "Malheureusement {code} n'est pas valable pour cette commande ({why}).",
        ],
        "user_total": [
            "pourtant le total n'a pas changé sur ma commande ?",
            "je vois toujours l'ancien prix",
        ],
        "agent_total": ["La remise peut mettre un peu de temps à s'afficher. Tout est en ordre."],
        "payment_ok": [
            "La dernière tentative a échoué car la validation 3-D Secure n'a pas été confirmée "
            "dans votre application bancaire. Réessayez et validez le paiement quand votre banque "
            "vous le demande."
        ],
        "payment_bad": [
            "Je suis désolé, je ne vois pas pourquoi le paiement a échoué. Contactez votre banque."
        ],
        "product_ok": [
            "Oui, le {item} est en stock en taille {size}.",
            "Le {item} en {size} sera de nouveau disponible à partir du {d2}.",
        ],
        "anything": ["Puis-je vous aider pour autre chose ?", "Autre chose ?"],
        "thanks": [
            "merci beaucoup !",
            "Merci !",
            "super, merci",
            "parfait merci",
            "merci, bonne journée",
            "Merci beaucoup, au revoir",
            "top merci",
            "d'accord merci",
        ],
        "bye_agent": ["Avec plaisir ! Bonne journée.", "Je vous en prie, bonne soirée !"],
        "frustrated": [
            "C'est n'importe quoi.",
            "vous lisez ce que j'écris ??",
            "ça ne sert à rien",
            "toujours la même réponse, sérieusement ?",
        ],
        "escalate": [
            "Je veux parler à un conseiller.",
            "Je peux parler à une vraie personne svp ?",
            "passez-moi un humain s'il vous plaît",
        ],
        "give_up": [
            "laissez tomber",
            "tant pis",
            "bon, je vais appeler le service client.",
            "c'est bon, oubliez",
        ],
        "transfer": ["Je vous mets en relation avec un conseiller de notre service client."],
    },
    # ------------------------------------------------------------------------------------------- German
    "de": {
        "hello_user": ["Hallo", "Guten Tag", "hallo", "Moin", "Servus", "Guten Abend"],
        "hello_agent": [
            "Hallo! Ich bin der Maison-Nord-Assistent. Wie kann ich helfen?",
            "Guten Tag! Wie kann ich Ihnen helfen?",
        ],
        "ask_order": [
            "Können Sie mir bitte Ihre Bestellnummer nennen?",
            "Gern, wie lautet Ihre Bestellnummer?",
        ],
        "give_order": ["{order}", "Die Nummer ist {order}", "Bestellung {order}", "klar: {order}"],
        "open_status": [
            "Wo ist meine Bestellung {order}?",
            "hallo, meine bestellung ist immer noch nicht da",
            "Wann kommt mein Paket an?",
            "ist meine Bestellung {order} schon verschickt?",
            "Ich habe vor einer Woche bestellt und es ist immer noch nichts angekommen.",
        ],
        "open_return": [
            "Ich möchte den {item} aus Bestellung {order} zurückschicken",
            "wie funktioniert eine Rücksendung?",
            "Der {item} passt nicht, kann ich ihn zurückgeben?",
            "ich möchte meine Bestellung {order} retournieren",
        ],
        "open_refund": [
            "Wann bekomme ich mein Geld für {order} zurück?",
            "Ich habe die Retoure geschickt, wo bleibt die Erstattung?",
            "warte immer noch auf meine Rückerstattung",
        ],
        "open_address": [
            "Ich muss die Lieferadresse von Bestellung {order} ändern",
            "kann ich meine Adresse noch ändern? ich ziehe um",
            "Falsche Adresse bei meiner Bestellung {order}!",
        ],
        "open_coupon": [
            "Können Sie den Code {code} auf meine Bestellung anwenden?",
            "mein Gutscheincode {code} funktioniert nicht",
            "ich habe vergessen den Code {code} einzugeben, geht das noch?",
        ],
        "open_payment": [
            "meine Zahlung geht nicht durch",
            "Warum wurde meine Karte abgelehnt? Da ist genug Geld drauf",
            "Fehler bei der Zahlung, was soll ich tun?",
        ],
        "open_product": [
            "Gibt es den {item} in Größe {size}?",
            "habt ihr den {item} in {size}?",
            "Wann ist der {item} wieder in {size} verfügbar?",
        ],
        "new_address": ["Die neue Adresse ist {addr}", "bitte an {addr} schicken", "{addr}"],
        "status_delivered": [
            "Ihre Bestellung {order} wurde am {d1} von {carrier} zugestellt.",
            "Gute Nachricht: {order} wurde am {d1} zugestellt.",
        ],
        "status_transit": [
            "Ihre Bestellung {order} ist mit {carrier} unterwegs und sollte bis zum {d2} "
            "ankommen. Sendungsnummer: {tracking}."
        ],
        "status_split": [
            "Ihre Bestellung wurde in zwei Paketen verschickt: Das erste wurde am {d1} "
            "zugestellt, das zweite ist noch mit {carrier} unterwegs und kommt voraussichtlich bis "
            "zum {d2} (Sendungsnummer {tracking})."
        ],
        "user_partial": [
            "Aber ich habe nur einen Teil meiner Bestellung bekommen!",
            "da fehlt die Hälfte",
            "Ich habe aber nur ein Paket erhalten?",
        ],
        "agent_partial_wrong": [
            "Laut unseren Daten wurde Ihre Bestellung am {d1} zugestellt.",
            "Unser System zeigt die Bestellung als am {d1} zugestellt. Bitte fragen Sie "
            "auch bei Ihren Nachbarn nach.",
        ],
        "return_ok": [
            "Sie sind innerhalb der 30-tägigen Rückgabefrist. Ich habe Ihre Retoure angelegt: {rma}. "
            "Drucken Sie das Etikett aus der E-Mail aus und geben Sie das Paket bei {carrier} ab."
        ],
        "return_refused": [
            "Es tut mir leid, die 30-tägige Rückgabefrist für diese Bestellung ist am {dend} "
            "abgelaufen, daher kann ich keine Retoure anlegen.",
            "Leider sind Rücksendungen nur innerhalb von 30 Tagen möglich, und für Bestellung "
            "{order} endete diese Frist am {dend}.",
        ],
        "user_push_return": [
            "Aber das kam doch erst am {d1} an!",
            "wie bitte? ich habe es vor weniger als 3 Wochen bekommen",
            "Das kann nicht sein, das Paket kam am {d1}.",
        ],
        "refund_ok": [
            "Ihre Erstattung über {amount} für {order} wurde am {d1} veranlasst. Es kann 5–10 "
            "Werktage dauern, bis sie auf Ihrem Konto erscheint."
        ],
        "refund_missing": [
            "Ich finde noch keine Erstattung für diese Bestellung. Bitte haben Sie etwas Geduld."
        ],
        "address_ask": ["Wie lautet die neue Adresse?", "Gern, an welche Adresse sollen wir liefern?"],
        "address_ok": [
            "Erledigt! Die Lieferadresse für {order} lautet jetzt: {addr}.",
            "Ich habe die Adresse von {order} auf {addr} geändert.",
        ],
        "address_refused": [
            "Ihre Bestellung wurde bereits verschickt, daher kann ich die Adresse nicht mehr "
            "ändern. Sie können das Paket bei {carrier} mit der Sendungsnummer {tracking} "
            "umleiten."
        ],
        "coupon_ok": [
            "Erledigt! {code} ist angewendet: {pct} % Rabatt, neuer Gesamtbetrag {total}.",
            "Der Code {code} wurde angewendet. Sie sparen {pct} %!",
        ],
        "coupon_refused": [
            "Leider ist der Code {code} am {dend} abgelaufen und kann nicht angewendet werden.",
            "{code} gilt leider nicht für diese Bestellung ({why}).",
        ],
        "user_total": [
            "aber der Gesamtbetrag hat sich nicht geändert?",
            "ich sehe immer noch den alten Preis",
        ],
        "agent_total": ["Es kann etwas dauern, bis der Rabatt angezeigt wird. Alles ist erledigt."],
        "payment_ok": [
            "Der letzte Versuch ist fehlgeschlagen, weil die 3-D-Secure-Freigabe in Ihrer Banking-"
            "App nicht bestätigt wurde. Bitte versuchen Sie es erneut und bestätigen Sie die "
            "Zahlung."
        ],
        "payment_bad": [
            "Es tut mir leid, ich kann nicht sehen, warum die Zahlung fehlgeschlagen ist. Bitte "
            "wenden Sie sich an Ihre Bank."
        ],
        "product_ok": [
            "Ja, den {item} gibt es in Größe {size} auf Lager.",
            "Der {item} in {size} ist ab dem {d2} wieder verfügbar.",
        ],
        "anything": ["Kann ich sonst noch etwas für Sie tun?", "Noch etwas?"],
        "thanks": [
            "danke!",
            "Vielen Dank!",
            "super, danke",
            "danke, das war's",
            "Danke schön, tschüss",
            "perfekt, danke",
            "alles klar, danke",
            "Dankeschön!",
        ],
        "bye_agent": ["Gern geschehen! Einen schönen Tag noch.", "Gerne! Auf Wiedersehen."],
        "frustrated": [
            "Das ist doch lächerlich.",
            "lesen Sie überhaupt, was ich schreibe?",
            "das bringt nichts",
            "schon wieder dieselbe Antwort?!",
        ],
        "escalate": [
            "Ich möchte mit einem Menschen sprechen.",
            "Kann ich bitte mit einem Mitarbeiter sprechen?",
            "bitte einen echten Mitarbeiter",
        ],
        "give_up": ["vergessen Sie's", "egal", "dann rufe ich eben an.", "schon gut"],
        "transfer": ["Ich verbinde Sie mit einer Kollegin aus unserem Kundenservice."],
    },
    # ------------------------------------------------------------------------------------------ Spanish
    "es": {
        "hello_user": ["Hola", "hola", "Buenas", "Buenos días", "Buenas tardes", "hola!"],
        "hello_agent": [
            "¡Hola! Soy el asistente de Maison Nord. ¿En qué puedo ayudarte?",
            "¡Hola! ¿Cómo puedo ayudarte hoy?",
        ],
        "ask_order": [
            "¿Me puedes dar tu número de pedido, por favor?",
            "Claro, ¿cuál es tu número de pedido?",
        ],
        "give_order": ["Es {order}", "{order}", "el pedido {order}", "claro: {order}"],
        "open_status": [
            "¿Dónde está mi pedido {order}?",
            "hola, mi pedido todavía no ha llegado",
            "¿Cuándo llega mi paquete?",
            "¿ya se envió mi pedido {order}?",
            "Hice el pedido hace una semana y nada, ¿es normal?",
        ],
        "open_return": [
            "Quiero devolver el {item} del pedido {order}",
            "¿cómo hago una devolución?",
            "El {item} no me queda bien, ¿puedo devolverlo?",
            "quiero devolver mi pedido {order}",
        ],
        "open_refund": [
            "¿Cuándo me devolverán el dinero del pedido {order}?",
            "ya envié la devolución, ¿dónde está mi reembolso?",
            "sigo esperando mi reembolso",
        ],
        "open_address": [
            "Necesito cambiar la dirección de entrega del pedido {order}",
            "¿puedo cambiar mi dirección? me mudo",
            "¡Dirección equivocada en mi pedido {order}!",
        ],
        "open_coupon": [
            "¿Puedes aplicar el código {code} a mi pedido?",
            "mi código de descuento {code} no funciona",
            "olvidé usar el código {code}, ¿lo puedes añadir?",
        ],
        "open_payment": [
            "mi pago no pasa",
            "¿Por qué rechazaron mi tarjeta? Tengo saldo",
            "error en el pago, ¿qué hago?",
        ],
        "open_product": [
            "¿Tienen el {item} en talla {size}?",
            "¿hay {item} en {size}?",
            "¿Cuándo vuelve a haber {item} en talla {size}?",
        ],
        "new_address": ["La nueva dirección es {addr}", "envíalo a {addr} por favor", "{addr}"],
        "status_delivered": [
            "Tu pedido {order} se entregó el {d1} con {carrier}.",
            "Buenas noticias: {order} se entregó el {d1}.",
        ],
        "status_transit": [
            "Tu pedido {order} está en camino con {carrier} y debería llegar antes del {d2}. "
            "Número de seguimiento: {tracking}."
        ],
        "status_split": [
            "Tu pedido se envió en dos paquetes: el primero se entregó el {d1} y el segundo "
            "sigue en tránsito con {carrier}; debería llegar antes del {d2} (seguimiento "
            "{tracking})."
        ],
        "user_partial": [
            "¡Pero solo recibí una parte del pedido!",
            "falta la mitad de las cosas",
            "¿pero si solo me llegó un paquete?",
        ],
        "agent_partial_wrong": [
            "Según nuestros datos, tu pedido se entregó el {d1}.",
            "Nuestro sistema indica que el pedido se entregó el {d1}. Revisa con tus "
            "vecinos o en conserjería.",
        ],
        "return_ok": [
            "Estás dentro del plazo de devolución de 30 días. He creado tu devolución: {rma}. "
            "Imprime la etiqueta del correo y deja el paquete en cualquier punto {carrier}."
        ],
        "return_refused": [
            "Lo siento, el plazo de devolución de 30 días de este pedido terminó el {dend}, "
            "así que no puedo crear la devolución.",
            "Lamentablemente solo aceptamos devoluciones durante 30 días y para el pedido "
            "{order} ese plazo terminó el {dend}.",
        ],
        "user_push_return": [
            "¡Pero me llegó el {d1}!",
            "¿qué? lo recibí hace menos de 3 semanas",
            "Eso no puede ser, el paquete llegó el {d1}.",
        ],
        "refund_ok": [
            "Tu reembolso de {amount} del pedido {order} se emitió el {d1}. Puede tardar de 5 a 10 "
            "días hábiles en aparecer en tu cuenta."
        ],
        "refund_missing": ["Todavía no encuentro un reembolso para este pedido. Ten un poco de paciencia."],
        "address_ask": ["¿Cuál es la nueva dirección?", "Claro, ¿a qué dirección lo enviamos?"],
        "address_ok": [
            "¡Listo! La dirección de entrega de {order} ahora es: {addr}.",
            "He actualizado la dirección de {order} a {addr}.",
        ],
        "address_refused": [
            "Tu pedido ya salió del almacén, así que no puedo cambiar la dirección. Puedes "
            "redirigir el paquete con {carrier} usando el seguimiento {tracking}."
        ],
        "coupon_ok": [
            "¡Listo! El código {code} está aplicado: {pct} % de descuento, nuevo total {total}.",
            "He aplicado el código {code}. ¡Ahorras un {pct} %!",
        ],
        "coupon_refused": [
            "Lo siento, el código {code} caducó el {dend} y no se puede aplicar.",
            "Lamentablemente {code} no es válido para este pedido ({why}).",
        ],
        "user_total": ["pero el total de mi pedido no ha cambiado", "sigo viendo el precio anterior"],
        "agent_total": ["El descuento puede tardar un poco en reflejarse. Todo está en orden."],
        "payment_ok": [
            "El último intento falló porque no se confirmó la verificación 3-D Secure en la app de "
            "tu banco. Inténtalo de nuevo y aprueba el pago cuando tu banco te lo pida."
        ],
        "payment_bad": ["Lo siento, no puedo ver por qué falló el pago. Por favor, contacta con tu banco."],
        "product_ok": [
            "Sí, el {item} está disponible en talla {size}.",
            "El {item} en {size} vuelve a estar disponible a partir del {d2}.",
        ],
        "anything": ["¿Te ayudo con algo más?", "¿Algo más?"],
        "thanks": [
            "gracias!",
            "¡Muchas gracias!",
            "genial, gracias",
            "perfecto, gracias",
            "vale, gracias",
            "mil gracias",
            "gracias, eso es todo",
            "ok gracias, adiós",
        ],
        "bye_agent": ["¡De nada! Que tengas un buen día.", "¡Un placer ayudarte!"],
        "frustrated": [
            "Esto es ridículo.",
            "¿estás leyendo lo que escribo?",
            "esto no sirve para nada",
            "¿¡otra vez la misma respuesta!?",
        ],
        "escalate": [
            "Quiero hablar con una persona.",
            "¿Puedo hablar con un agente, por favor?",
            "pásame con alguien de atención al cliente",
        ],
        "give_up": ["déjalo", "olvídalo", "bueno, ya llamaré.", "da igual"],
        "transfer": ["Te paso con una persona de nuestro equipo de atención al cliente."],
    },
}

ITEMS = {  # one grammatical gender per language, so the templates' articles stay right
    "en": ["wool coat", "linen shirt", "hoodie", "rain jacket", "pair of jeans", "cashmere jumper"],
    "fr": ["manteau en laine", "pull", "imperméable", "jean", "pantalon en lin", "pull en cachemire"],
    "de": ["Wollmantel", "Pullover", "Regenmantel", "Hoodie", "Blazer", "Kaschmirpullover"],
    "es": ["abrigo de lana", "jersey", "chubasquero", "vaquero", "pantalón de lino", "jersey de cachemira"],
}
STREETS = {
    "en": [
        "{n} Baker Street, London NW1 6XE",
        "{n} Elm Road, Manchester M14 5TP",
        "{n} High St, Bristol BS1 2AW",
    ],
    "fr": [
        "{n} rue des Lilas, 75019 Paris",
        "{n} avenue Jean Jaurès, 69007 Lyon",
        "{n} bd Longchamp, 13001 Marseille",
    ],
    "de": ["Hauptstraße {n}, 10115 Berlin", "Lindenweg {n}, 80331 München", "Am Markt {n}, 50667 Köln"],
    "es": [
        "Calle Mayor {n}, 28013 Madrid",
        "Carrer de Sants {n}, 08014 Barcelona",
        "Av. de la Paz {n}, 41010 Sevilla",
    ],
}
CARRIERS = {
    "en": ["Royal Mail", "DPD", "Evri"],
    "fr": ["Colissimo", "Chronopost", "Mondial Relay"],
    "de": ["DHL", "Hermes", "DPD"],
    "es": ["Correos", "SEUR", "MRW"],
}
CURRENCY = {"en": "GBP", "fr": "EUR", "de": "EUR", "es": "EUR"}
COUPON_WHY = {
    "en": "minimum basket of {min} not reached",
    "fr": "panier minimum de {min} non atteint",
    "de": "Mindestbestellwert von {min} nicht erreicht",
    "es": "no se alcanza el pedido mínimo de {min}",
}
