"""People in questions and postings: a question asking for someone by name ("le coach, il s'appelle comment ?",
"who's the intrapreneur?", "c'est qui la PM ?") is answered only by a line naming a person
("Aurélie : Product manager", "Magali Marcel-Garreau - Intrapreneur", "Thibault comme dev")."""

from __future__ import annotations

import re

from .text import normalise

# a question asking for a person by name ("il s'appelle comment ?", "who's the intrapreneur?", "c'est qui la PM ?")
_ROLE = (r"(?:coach|coachs|pm|productmanager|po|productowner|lead|leads|dev|developpeur\w*|designer|"
         r"intrapreneu\w*|cto|"
         r"manager|responsable|chef\w*|referent\w*|recruteur\w*|recruiter|sponsor|mentor|techlead|porteur\w*|"
         r"porteuse|directeur|directrice|head)")
_PERSON_ASKED = re.compile(r"\b(?:s appelle|sappelle|appelle comment|name of|names of|his name|her name|their name|"
                           r"first name|nom de|noms de|prenom\w*|whats the name|what is the name)\b|"
                           r"\b(?:qui est|c est qui|cest qui|est qui|c qui|who is|who s|whos) "
                           r"(?:le |la |l |les |the |your |our )?"
                           r"(?:\w+ )?(?P<role>" + _ROLE + r")\b|\b(?P<role2>" + _ROLE + r") (?:c est |cest |c )?qui\b")
_ROLE_ONLY = re.compile(r"\b(?P<role>" + _ROLE + r")\b")
_LINE_ROLE = (r"product|responsable|lead|d[ée]velopp|designer|coach|intrapreneu|bizdev|charg[ée]|chef|cheffe|"
              r"manager|data|ux|ui")  # the roles a posting names its team members by
_NOT_FIRST_NAMES = (r"(?:Direction|Mission|Support|Projet|Service|Services|Agence|Minist[eè]re|P[oô]le|[EÉ]quipe|"
                    r"Startup|Plateforme|Contact|Produit|Programme|Incubateur|D[ée]l[ée]gation|Secr[ée]tariat|Portail|Site|"
                    r"Outil|R[ée]seau|Cellule|Bureau|D[ée]partement|Fabrique|Atelier|Stack|Base|Bases|Format|Norme|"
                    r"Donn[ée]es|Offre|Poste|Contrat|Statut|Technologies?|Langages?|Environnement|Expertise|Ma[iî]trise|"
                    r"Connaissance|Exp[ée]rience|Int[ée]gration|Migration|Architecture|Appel|Fiche|Rapport|Loi|Code|"
                    r"Interface|Application|Api|Logiciel|Version|Mode|Syst[èe]me)")  # capitalised words before acronyms
# a person named in a line: "Marie : responsable déploiement", "Magali Marcel-Garreau", "avec Thibault",
# "Raphaël (coach)"
_PERSON = re.compile(r"(?:^|\n|[-•*]\s)[A-ZÀ-Ý][a-zà-ÿ]+(?:[ -][A-ZÀ-Ý][a-zà-ÿ]+)?\s?:\s?(?:\w+\s){0,2}"
                     r"(?i:" + _LINE_ROLE + r"|owner|ops|juriste|expert|experte)|"
                     r"(?<![Ll]a )(?<![Ll]e )(?<![Dd]e )(?<![Dd]u )(?<![Ll]es )(?<![Dd]es )(?<![Tt]he )"
                     r"\b(?!(?:La|Le|Les|The|Un|Une|De|Du|Des|Startup|Start|Service|Mission)\b)"
                     r"(?<!['’])[A-ZÀ-Ý][a-zà-ÿ]+ (?!(?:La|Le|Les|The|De|Du|Des)\b)"
                     r"[A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?\b|"
                     r"\b(?:avec|with|comme)\s[A-ZÀ-Ý][a-zà-ÿ]{2,}(?![\w.'’@-])(?! (?:de|du|des|d)\b)|"
                     r":\s[A-ZÀ-Ý][a-zà-ÿ]{2,}(?:,| comme\b| en tant\b| \()|"
                     # "Raphaël (coach)", "Coralie (intrapreneuse au Shom)": a first name with its role
                     r"\b[A-ZÀ-Ý][a-zà-ÿ]{2,} \((?i:" + _LINE_ROLE + r"|dev\b|po\b|pm\b)|"
                     # "PO : Valérie PIVAN", "Paul VAUTRIN et Zoé IMBERT": a first name, the surname in capitals
                     # (not a body or a thing and its acronym: "Direction DINUM", "Support API")
                     r"(?:^|\n|:\s|[-•*]\s|\bet\s|,\s)(?!" + _NOT_FIRST_NAMES + r"\b)"
                     r"[A-ZÀ-Ý][a-zà-ÿ]{2,} [A-ZÀ-Ý]{2,}(?:[- ][A-ZÀ-Ý]{2,})?(?![\w'’])")


def person_asked(question: str, norm: str) -> tuple[bool, str]:
    """Does the question ask for a person by name, and in which role ("coach", "pm"; "" when it names none)?
    `norm` is the question as the matcher reads it (abbreviations expanded)."""
    asked = _PERSON_ASKED.search(normalise(question))
    return asked is not None, _role_of(asked, norm)


def names_someone(text: str) -> bool:
    """Does a line of a posting, as written, name a person?"""
    return _PERSON.search(text) is not None


def _role_of(asked: re.Match[str] | None, norm: str) -> str:
    """The role of the person a question asks for, as read in the question ("coach", "productmanager")."""
    if asked is None:
        return ""
    role = asked.group("role") or asked.group("role2")
    if role:
        return role
    found = _ROLE_ONLY.search(norm)  # "le coach c qui ? il s'appelle comment ?"
    return found.group("role") if found else ""
