"""English texts of the staff sign-in (lock-out, OIDC allow-list) and of the upload limit."""

EN = {
    "Votre nom compte {n} caractères : {max} au plus.":
        "Your name has {n} characters: {max} at most.",
    "La connexion est impossible : le mot de passe configuré sur le serveur est mal formé. "
    "Demandez à l'administrateur de régénérer OBSERVATORY_STAFF_PASSWORD_HASH avec "
    "« python -m observatory hash-password ».":
        "Signing in is impossible: the password configured on the server is malformed. Ask "
        "the administrator to make OBSERVATORY_STAFF_PASSWORD_HASH again with "
        "“python -m observatory hash-password”.",
    "Trop d'essais infructueux : la connexion est bloquée. Réessayez dans {s} s (à {time}).":
        "Too many failed attempts: signing in is blocked. Try again in {s} s (at {time}).",
    "Accès refusé à la page Import : {reason}": "Access to the Import page refused: {reason}",
    "Compte connecté : {email}": "Signed-in account: {email}",
    "Se déconnecter": "Sign out",
    "aucune adresse n'est encore autorisée : la liste OBSERVATORY_STAFF_EMAILS est vide. "
    "Demandez à l'administrateur d'y ajouter votre adresse ou votre domaine (@exemple.fr).":
        "no address is allowed yet: the OBSERVATORY_STAFF_EMAILS list is empty. Ask the "
        "administrator to add your address or your domain (@example.org) to it.",
    "votre fournisseur d'identité ne transmet pas d'adresse électronique.":
        "your identity provider does not send an email address.",
    "votre fournisseur d'identité indique que cette adresse n'est pas vérifiée.":
        "your identity provider says this address is not verified.",
    "cette adresse n'est pas dans la liste OBSERVATORY_STAFF_EMAILS. Demandez à "
    "l'administrateur de l'y ajouter.":
        "this address is not in the OBSERVATORY_STAFF_EMAILS list. Ask the administrator "
        "to add it.",
}
