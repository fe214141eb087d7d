"""Synthetic collections A and B of Latin American people and organisations, with truth.

``generate(n, seed)`` returns two lists of FtM entity dicts and the true (A id, B id)
pairs. B holds, for 10% of A, a variant of the same person or organisation, made the way
records drift between agencies: accents dropped, maternal surname dropped, typos, z/s
swaps, initials, pet names, "SURNAME, Given", nicknames, wrong birth date or nationality;
for organisations a changed legal form, a Spanish↔English translation, a dropped or
reordered word, or the acronym. Near misses are built in: names are Zipf-distributed,
siblings share both surnames, sons share their father's name, and some different people
share an identical name. 75% people, 25% organisations (6% of them criminal groups).
"""

from __future__ import annotations

import random
import unicodedata
from typing import Any

GIVEN_M = [
    "José", "Juan", "Luis", "Carlos", "Jesús", "Miguel", "Francisco", "Antonio", "Pedro",
    "Alejandro", "Manuel", "Jorge", "Ricardo", "Fernando", "Eduardo", "Roberto", "Rafael",
    "Sergio", "Javier", "Raúl", "Arturo", "Óscar", "Enrique", "Guillermo", "Ignacio", "Alberto",
    "Gerardo", "Héctor", "Mario", "Martín", "Rubén", "Ramón", "Salvador", "Adolfo", "Gonzalo",
    "Ernesto", "Rodolfo", "Santiago", "Joaquín", "Ismael", "Ovidio", "Dámaso", "Julio", "César",
    "Víctor", "Hugo", "Andrés", "Diego", "Tomás", "Gregorio", "Lorenzo", "Iván", "Álvaro",
    "Emilio", "Esteban", "Gustavo", "Armando", "Agustín", "Nicolás", "Abel", "Efraín", "Heriberto",
    "Baltazar", "Rigoberto", "Aurelio", "Teodoro", "Wilfredo", "Édgar", "Fausto", "Cirilo",
    "Nemesio", "Servando", "Abelardo", "Adán", "Alfonso", "Alfredo", "Amado", "Anselmo", "Ariel",
    "Benito", "Benjamín", "Bernardo", "Camilo", "Cándido", "Clemente", "Cristóbal", "Daniel",
    "Darío", "Delfino", "Eliseo", "Elías", "Eusebio", "Felipe", "Fidel", "Florencio", "Gabriel",
    "Genaro", "Gilberto", "Horacio", "Humberto", "Isidro", "Jacinto", "Jaime", "Jonás", "Leonardo",
    "Leopoldo", "Lucio", "Marcelino", "Marco", "Mauricio", "Moisés", "Noé", "Octavio", "Orlando",
    "Pablo", "Porfirio", "Ramiro", "Reynaldo", "Samuel", "Saúl", "Silvestre", "Ulises",
]
GIVEN_F = [
    "María", "Guadalupe", "Rosa", "Ana", "Juana", "Margarita", "Patricia", "Teresa", "Dolores",
    "Mercedes", "Rosario", "Concepción", "Isabel", "Consuelo", "Soledad", "Leticia", "Verónica",
    "Claudia", "Adriana", "Gabriela", "Alejandra", "Silvia", "Laura", "Elena", "Carmen", "Lucía",
    "Beatriz", "Martha", "Norma", "Sandra", "Yolanda", "Irma", "Blanca", "Araceli", "Griselda",
    "Maribel", "Rocío", "Lorena", "Mónica", "Sofía", "Valeria", "Daniela", "Fernanda", "Ximena",
    "Cristina", "Marisol", "Esperanza", "Nohemí", "Zulema", "Alicia", "Amalia", "Angélica",
    "Antonia", "Aurora", "Bertha", "Cecilia", "Diana", "Elvira", "Emma", "Estela", "Eva", "Gloria",
    "Graciela", "Inés", "Josefina", "Julia", "Leonor", "Lidia", "Lourdes", "Luisa", "Marcela",
    "Miriam", "Natalia", "Olga", "Paula", "Raquel", "Reyna", "Rebeca", "Susana", "Victoria",
    "Viviana",
]
SURNAMES = [
    "García", "Hernández", "Martínez", "López", "González", "Rodríguez", "Pérez", "Sánchez",
    "Ramírez", "Cruz", "Flores", "Gómez", "Morales", "Vázquez", "Reyes", "Jiménez", "Torres",
    "Díaz", "Gutiérrez", "Ruiz", "Mendoza", "Aguilar", "Ortiz", "Moreno", "Castillo", "Romero",
    "Álvarez", "Méndez", "Chávez", "Rivera", "Juárez", "Ramos", "Domínguez", "Herrera", "Medina",
    "Castro", "Vargas", "Guzmán", "Velázquez", "Muñoz", "Rojas", "Contreras", "Salazar", "Luna",
    "Ortega", "Guerrero", "Estrada", "Bautista", "Cortés", "Soto", "Alvarado", "Espinoza", "Lara",
    "Ávila", "Ríos", "Cervantes", "Silva", "Delgado", "Vega", "Márquez", "Sandoval", "Fernández",
    "León", "Carrillo", "Mejía", "Solís", "Núñez", "Rosas", "Valdez", "Ibarra", "Campos",
    "Santiago", "Vásquez", "Maldonado", "Peña", "Rosales", "Guerra", "Cárdenas", "Navarro",
    "Cabrera", "Zambada", "Quintero", "Caro", "Beltrán", "Leyva", "Félix", "Gallardo", "Arellano",
    "Carrillo", "Fuentes", "Treviño", "Lazcano", "Cárdenas", "Valencia", "Oseguera", "Zetina",
    "Figueroa", "Escobar", "Gaviria", "Úsuga", "Ochoa", "Rentería", "Palacios", "Mosquera",
    "Montoya", "Henao", "Urdinola", "Londoño", "Zuluaga", "Villarreal", "Garza", "Salinas",
    "Zepeda", "Barrera", "Anaya", "Benítez", "Cisneros", "Quiroz", "Tapia", "Zavala", "Esquivel",
    "Arriaga", "Orozco", "Villegas", "Pacheco", "Cázares", "Meza", "Bernal", "Robles", "Trujillo",
    "Serrano", "Macías", "Tovar", "Zamora", "Lozano", "Galindo", "Uribe", "Ocampo", "Velasco",
    "Pineda", "Arroyo", "Bravo", "Miranda", "Duarte", "Osorio", "Gálvez", "Salgado", "Acosta",
    "Montes", "Olvera", "Nava", "Mora", "Ponce", "Pizarro", "Saavedra", "Sosa", "Quintana",
    "Rangel", "Téllez", "Vallejo", "Bustos", "Aceves", "Alcántara", "Almanza", "Altamirano",
    "Amador", "Andrade", "Antúnez", "Aranda", "Arce", "Arias", "Armenta", "Arredondo", "Ayala",
    "Báez", "Balderas", "Barajas", "Barragán", "Barrios", "Becerra", "Blanco", "Bonilla",
    "Briones", "Buendía", "Burgos", "Caballero", "Cabello", "Calderón", "Camacho", "Camarillo",
    "Cano", "Cantú", "Carbajal", "Carmona", "Casas", "Castañeda", "Castellanos", "Cazares",
    "Ceballos", "Chacón", "Cordero", "Córdova", "Corona", "Coronado", "Correa", "Cuevas", "Dávila",
    "Echeverría", "Elizondo", "Enríquez", "Escamilla", "Esparza", "Espinosa", "Farías", "Franco",
    "Gallegos", "Gamboa", "Garibay", "Gil", "Godínez", "Granados", "Guevara", "Gurrola", "Heredia",
    "Hinojosa", "Huerta", "Iglesias", "Jaramillo", "Jasso", "Lemus", "Limón", "Llamas", "Loera",
    "Lucero", "Magaña", "Manzano", "Marín", "Mata", "Mireles", "Molina", "Montalvo", "Montoya",
    "Mota", "Murillo", "Nájera", "Navarrete", "Niño", "Olivares", "Olmos", "Ordóñez", "Padilla",
    "Palma", "Paredes", "Parra", "Pedraza", "Pinto", "Portillo", "Prado", "Puente", "Quezada",
    "Quiñones", "Rentería", "Reséndiz", "Rincón", "Rivas", "Robledo", "Rocha", "Rubio", "Saldaña",
    "Samaniego", "Santana", "Santos", "Segura", "Sepúlveda", "Solano", "Suárez", "Tamez", "Tello",
    "Toledo", "Treviño", "Ulloa", "Urbina", "Valadez", "Valdés", "Valenzuela", "Varela", "Vera",
    "Vidal", "Villa", "Villanueva", "Yáñez", "Zapata", "Zaragoza", "Zúñiga", "Acuña", "Arteaga",
    "Bañuelos", "Cuéllar", "Durán",
]
PLACES = [
    "Sinaloa", "Jalisco", "Golfo", "Noreste", "Juárez", "Tijuana", "Michoacán", "Guerrero",
    "Sonora", "Durango", "Pacífico", "Caribe", "Cali", "Medellín", "Norte", "Valle", "Costa",
    "Sierra", "Laguna", "Bajío", "Istmo", "Morelos", "Santa", "Rosa", "Tepito", "Unión", "Oriente",
    "Sur", "Occidente", "Atlántico", "Chihuahua",
]
WORDS = [
    "Oro", "Azteca", "Sol", "Águila", "Maya", "Diamante", "Imperial", "Real", "Continental",
    "Pacífico", "Delta", "Fénix", "Omega", "Alfa", "Titán", "Cóndor", "Jaguar", "Luna", "Estrella",
    "Cumbres", "Central", "Nacional", "Universal", "Global", "Moderna", "Premier", "Victoria",
    "Platino", "Rubí", "Zafiro", "Marlín", "Horizonte", "Atlas", "Orión", "Vértice", "Sigma",
    "Nova", "Aurora", "Cristal", "Esmeralda", "Quetzal", "Tláloc", "Olmeca", "Tolteca", "Mixteca",
    "Huasteca", "Tarasco", "Maguey", "Nopal", "Ceiba", "Sabino", "Encino", "Roble", "Álamo",
    "Cedro", "Pino", "Bahía", "Arrecife", "Médano", "Cañón", "Mirador", "Portal", "Puente", "Faro",
    "Ancla", "Brújula",
]
ES_EN = {"Transportes": "Transport", "Comercializadora": "Trading", "Constructora":
         "Construction", "Importadora": "Import", "Servicios": "Services", "Inversiones":
         "Investments", "Inmobiliaria": "Realty", "Grupo": "Group", "Alimentos": "Foods",
         "Pesquera": "Fishing", "Minera": "Mining", "Agrícola": "Farming", "Gasolinera":
         "Fuel", "Consultoría": "Consulting", "Seguridad": "Security"}
FORMS_ES = ["S.A. de C.V.", "S. de R.L. de C.V.", "S.A.", "SAPI de CV", "S.C.", ""]
FORMS_EN = ["LLC", "Inc.", "Corp.", "Ltd.", ""]
GROUP_ES = ["Cártel de {p}", "Cártel del {p}", "Los {s}", "Banda de {p}", "Célula {s}",
            "Cártel {p} Nueva Generación", "Organización {s}", "Clan del {p}"]
GROUP_EN = {"Cártel de {p}": "{p} Cartel", "Cártel del {p}": "{p} Cartel",
            "Banda de {p}": "{p} Gang", "Célula {s}": "{s} Cell",
            "Cártel {p} Nueva Generación": "{p} New Generation Cartel",
            "Organización {s}": "{s} Organization", "Clan del {p}": "{p} Clan"}
PET = {"José": ["Pepe", "Chepe"], "Jesús": ["Chuy", "Chucho"], "Francisco": ["Paco", "Pancho"],
       "Guadalupe": ["Lupe"], "Guillermo": ["Memo"], "Ignacio": ["Nacho"], "Alberto": ["Beto"],
       "Antonio": ["Toño"], "Eduardo": ["Lalo"], "Enrique": ["Quique"], "Rafael": ["Rafa"],
       "Manuel": ["Manolo"], "Sergio": ["Checo"], "Gregorio": ["Goyo"], "Rosario": ["Charo"],
       "Dolores": ["Lola"], "Concepción": ["Conchita"], "Adolfo": ["Fito"], "Teresa": ["Tere"],
       "Alejandro": ["Alex"], "Fernando": ["Nando"], "Ernesto": ["Neto"], "Salvador": ["Chava"]}
NICKNAMES = [
    "Chapo", "Mayo", "Mencho", "Marro", "Güero", "Flaco", "Gordo", "Chino", "Negro", "Compa",
    "Tigre", "Lobo", "Chivo", "Viceroy", "Metro", "Pelón", "Chuta", "Kiko", "Cuini", "Jefe",
    "Patrón", "Toro", "Zorro", "Gallo", "Mudo",
]
COUNTRIES = ["mx"] * 8 + ["co", "co", "gt", "hn", "sv", "ve", "ec", "pe", "us", "us"]
SWAPS = [("z", "s"), ("s", "z"), ("v", "b"), ("b", "v"), ("ll", "y"), ("y", "ll"),
         ("c", "s"), ("j", "g"), ("h", "")]


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(c)).replace("ñ", "n")


_CUMULATIVE: dict[tuple[int, float], list[float]] = {}


def zipf(rng: random.Random, items: list[str], s: float = 1.0) -> str:
    """One item, the i-th drawn with weight 1/i^s."""
    cum = _CUMULATIVE.get((len(items), s))
    if cum is None:
        total = 0.0
        cum = []
        for i in range(len(items)):
            total += 1.0 / (i + 1) ** s
            cum.append(total)
        _CUMULATIVE[(len(items), s)] = cum
    return rng.choices(items, cum_weights=cum)[0]


class Generator:
    """Holds the random state and the id counter of one generated benchmark."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.count = 0

    def new_id(self, side: str) -> str:
        self.count += 1
        return f"{side}{self.count:07d}"

    # -- people -------------------------------------------------------------------------

    def person(self, surnames: tuple[str, str] | None = None,
               given: list[str] | None = None) -> dict[str, Any]:
        rng = self.rng
        female = rng.random() < 0.35
        pool = GIVEN_F if female else GIVEN_M
        if given is None:
            given = [zipf(rng, pool, 0.6)]
            if rng.random() < 0.45:
                given.append(zipf(rng, pool, 0.6))
        if surnames is None:
            surnames = (zipf(rng, SURNAMES, 0.6), zipf(rng, SURNAMES, 0.6))
        year = rng.randint(1950, 2003)
        return {"given": given, "surnames": list(surnames), "female": female,
                "dob": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "nat": rng.choice(COUNTRIES), "nick": rng.choice(NICKNAMES)
                if rng.random() < 0.1 else None}

    def typo(self, word: str) -> str:
        rng = self.rng
        if len(word) < 4:
            return word
        i = rng.randrange(1, len(word) - 1)
        op = rng.choice(["drop", "swap", "double", "replace"])
        if op == "drop":
            return word[:i] + word[i + 1:]
        if op == "swap":
            return word[:i] + word[i + 1] + word[i] + word[i + 2:]
        if op == "double":
            return word[:i] + word[i] + word[i:]
        return word[:i] + rng.choice("aeioulnrst") + word[i + 1:]

    def person_entity(self, ident: str, p: dict[str, Any], side: str,
                      vary: bool = False) -> dict[str, Any]:
        rng = self.rng
        given, surnames = list(p["given"]), list(p["surnames"])
        if vary:
            if len(given) > 1 and rng.random() < 0.15:
                given = given[:1]
            if given[0] in PET and rng.random() < 0.08 / 0.3:
                given[0] = rng.choice(PET[given[0]])
            elif rng.random() < 0.10:
                given[0] = given[0][0] + "."
            if rng.random() < 0.31:
                surnames = surnames[:1]
        name = " ".join(given + surnames)
        if vary:
            if rng.random() < 0.20:
                words = name.split()
                k = rng.randrange(len(words))
                words[k] = self.typo(words[k])
                name = " ".join(words)
            if rng.random() < 0.09:
                old, new = rng.choice(SWAPS)
                name = name.replace(old, new, 1)
            if rng.random() < 0.49:
                name = strip_accents(name)
            if rng.random() < 0.10:
                name = f"{' '.join(surnames).upper()}, {' '.join(given)}"
        props: dict[str, list[str]] = {"name": [name]}
        if p["nick"] and rng.random() < 0.5:
            if rng.random() < 0.5:
                props["name"] = [f"{name} alias El {p['nick']}"]
            else:
                props["weakAlias"] = [f"El {p['nick']}"]
        dob_rate, nat_rate = (0.5, 0.6) if side == "A" else (0.4, 0.5)
        if rng.random() < dob_rate:
            dob = p["dob"]
            if vary and rng.random() < 0.05:
                dob = f"{int(dob[:4]) + rng.choice([-1, 1, 10])}{dob[4:]}"
            props["birthDate"] = [dob]
        if rng.random() < nat_rate:
            nat = p["nat"]
            if vary and rng.random() < 0.05:
                nat = rng.choice(COUNTRIES)
            props["nationality"] = [nat]
        props["gender"] = ["female" if p["female"] else "male"]
        return {"id": ident, "schema": "Person", "properties": props}

    # -- organisations ------------------------------------------------------------------

    def org(self) -> dict[str, Any]:
        rng = self.rng
        if rng.random() < 0.06:
            pattern = rng.choice(GROUP_ES)
            return {"group": pattern, "p": zipf(rng, PLACES), "s": zipf(rng, SURNAMES) + "s"}
        prefix = zipf(rng, list(ES_EN), 0.7)
        word = zipf(rng, SURNAMES, 0.5) if rng.random() < 0.5 else zipf(rng, WORDS, 0.5)
        extra = [zipf(rng, WORDS + PLACES, 0.3)] if rng.random() < 0.5 else []
        extra += [] if rng.random() < 0.5 else [rng.choice(["Hermanos", "del Norte",
                                                            "del Pacífico", zipf(rng, WORDS, 0.5),
                                                            zipf(rng, PLACES, 0.5)])]
        return {"prefix": prefix, "words": [word, *extra], "form": rng.choice(FORMS_ES)}

    def org_entity(self, ident: str, o: dict[str, Any], vary: bool = False) -> dict[str, Any]:
        rng = self.rng
        if "group" in o:
            pattern = o["group"]
            if vary and rng.random() < 0.2 and pattern in GROUP_EN:
                pattern = GROUP_EN[pattern]
            name = pattern.format(p=o["p"], s=o["s"])
            schema = "Organization"
        else:
            words = list(o["words"])
            prefix, form = o["prefix"], o["form"]
            english = vary and rng.random() < 0.2
            if vary and len(words) > 1 and rng.random() < 0.1:
                words = words[:1]
            if vary and rng.random() < 0.4:
                form = rng.choice(FORMS_EN if english else FORMS_ES)
            parts = ([*words, ES_EN[prefix]] if english else [prefix, *words])
            if vary and rng.random() < 0.1:
                parts = parts[1:] + parts[:1]
            name = " ".join(parts + ([form] if form else []))
            schema = "Company"
        if vary:
            if rng.random() < 0.15:
                words = name.split()
                k = rng.randrange(len(words))
                words[k] = self.typo(words[k])
                name = " ".join(words)
            if rng.random() < 0.5:
                name = strip_accents(name)
            if rng.random() < 0.05:
                name = "".join(w[0] for w in strip_accents(name).split()
                               if w.lower() not in ("de", "del", "los")).upper()
        return {"id": ident, "schema": schema, "properties": {"name": [name]}}


def generate(n: int = 100_000, seed: int = 20240601, true_share: float = 0.1
             ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], set[tuple[str, str]]]:
    """Collections A and B of ``n`` entities each, and the set of true (A, B) id pairs."""
    g = Generator(seed)
    rng = g.rng
    left: list[dict[str, Any]] = []
    right: list[dict[str, Any]] = []
    truth: set[tuple[str, str]] = set()
    n_people = int(n * 0.75)
    for i in range(n):
        is_person = i < n_people
        source = g.person() if is_person else g.org()
        a_id = g.new_id("A")
        left.append(g.person_entity(a_id, source, "A") if is_person
                    else g.org_entity(a_id, source))
        if rng.random() < true_share:
            b_id = g.new_id("B")
            right.append(g.person_entity(b_id, source, "B", vary=True) if is_person
                         else g.org_entity(b_id, source, vary=True))
            truth.add((a_id, b_id))
        elif is_person and rng.random() < 0.15:
            right.append(g.person_entity(g.new_id("B"), _relative(g, source), "B"))
    while len(right) < n:
        is_person = rng.random() < 0.75
        right.append(g.person_entity(g.new_id("B"), g.person(), "B") if is_person
                     else g.org_entity(g.new_id("B"), g.org()))
    right = right[:n]
    rng.shuffle(right)
    kept = {r["id"] for r in right}
    return left, right, {(a, b) for a, b in truth if b in kept}


def _relative(g: Generator, p: dict[str, Any]) -> dict[str, Any]:
    """A sibling (same surnames), a son with his father's name, or a namesake."""
    roll = g.rng.random()
    if roll < 0.6:
        return g.person(surnames=tuple(p["surnames"]))
    other = g.person(surnames=tuple(p["surnames"]), given=list(p["given"]))
    if roll < 0.8:
        other["dob"] = f"{int(p['dob'][:4]) + 25}{p['dob'][4:]}"
        other["female"] = p["female"]
    return other
