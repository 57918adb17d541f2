"""Book cases of the links matching table: authors written every way, titles with and
without subtitles, books about the work (summaries, study guides, box sets), editions,
ISBNs, and plain books; decoys shelved before the work."""

from standins.books import (
    GOOGLE_BOOKS,
    OPEN_LIBRARY,
    BookCase,
    BookPost,
    Edition,
    Shelved,
    both,
    isbn13,
)

S = Shelved
NO_AUTHOR = "a title alone cannot tell same-titled books apart"
TOLKIEN = "J. R. R. Tolkien"

HOBBIT_ISBN = "9780261103207"
HOBBIT = S("The Hobbit", TOLKIEN, 1937, isbns=(HOBBIT_ISBN,), edition_count=500)
SILMARILLION = S("The Silmarillion", TOLKIEN, 1977)
DUNE = S("Dune", "Frank Herbert", 1965, edition_count=200)
THORNS = S("A Court of Thorns and Roses", "Sarah J. Maas", 2015)
IT = S("It", "Stephen King", 1986)
RELIC = S("Relic", ("Douglas Preston", "Lincoln Child"), 1995)
SAPIENS = S("Sapiens", "Yuval Noah Harari", 2011, subtitle="A Brief History of Humankind")
CATCHER = S("The Catcher in the Rye", "J. D. Salinger", 1951)
MICE = S("Of Mice and Men", "John Steinbeck", 1937)
STONE = S("Harry Potter and the Philosopher's Stone", "J. K. Rowling", 1997)
ANIMAL_FARM = S("Animal Farm", "George Orwell", 1945)
BECOMING = S("Becoming", "Michelle Obama", 2018)
HUNGER = S("The Hunger Games", "Suzanne Collins", 2008)
GONE_GIRL = S("Gone Girl", "Gillian Flynn", 2012)
RINGS = S("The Lord of the Rings", TOLKIEN, 1954, edition_count=300)
EYRE = S("Jane Eyre", "Charlotte Brontë", 1847, edition_count=2000)
GATSBY = S("The Great Gatsby", "F. Scott Fitzgerald", 1925)
MOBY = S("Moby-Dick", "Herman Melville", 1851)
FELLOWSHIP_ISBN = isbn13("978054400341")
FELLOWSHIP = S("The Fellowship of the Ring", TOLKIEN, 1954, isbns=(FELLOWSHIP_ISBN,))
HOMO_DEUS = S("Homo Deus", "Yuval Noah Harari", 2015, subtitle="A Brief History of Tomorrow")
HOMO_SUMMARY_ISBN = isbn13("979865012345")
KLARA = S("Klara and the Sun", "Kazuo Ishiguro", 2021)
SOLOMON = S("Song of Solomon", "Toni Morrison", 1977)
AMERICANAH = S("Americanah", "Chimamanda Ngozi Adichie", 2013)
FIRES = S("Little Fires Everywhere", "Celeste Ng", 2017)
CIRCE = S("Circe", "Madeline Miller", 2018)
EDUCATED = S("Educated", "Tara Westover", 2018, subtitle="A Memoir")
KINDRED = S("Kindred", "Octavia E. Butler", 1979)
CORALINE = S("Coraline", "Neil Gaiman", 2002)
CORALINE_GRAPHIC = S(
    "Coraline", ("Neil Gaiman", "P. Craig Russell"), 2008, subtitle="The Graphic Novel"
)
KINDRED_GRAPHIC = S(
    "Kindred", ("Octavia E. Butler", "Damian Duffy"), 2017, subtitle="A Graphic Novel Adaptation"
)
NORTHERN = S("Northern Lights", "Philip Pullman", 1995)
DARING = S("Daring Greatly", "Brené Brown", 2012)
MIDNIGHT = S("The Midnight Library", "Matt Haig", 2020)

BOOKS: list[BookCase] = [
    BookCase(
        "authors",
        "the hobbit: the author as a library inverts him, his son shelved first",
        BookPost("The Hobbit", "Tolkien, J.R.R."),
        both(HOBBIT),
        decoys=(S("The Hobbit", "Christopher Tolkien", 1990, subtitle="A Reader's Edition"),),
    ),
    BookCase(
        "authors",
        "the silmarillion: initials run together",
        BookPost("JRR Tolkien - The Silmarillion"),
        both(SILMARILLION, open_library={"authors": "J.R.R. Tolkien"}),
    ),
    BookCase(
        "authors",
        "dune: the son's book of that name first",
        BookPost("Frank Herbert - Dune"),
        both(DUNE),
        decoys=(
            S("Dune", ("Brian Herbert", "Kevin J. Anderson"), 1999, subtitle="House Atreides"),
        ),
    ),
    BookCase(
        "authors",
        "a court of thorns and roses: a middle initial left out",
        BookPost("Sarah J. Maas - A Court of Thorns and Roses"),
        both(THORNS, google_books={"authors": "Sarah Maas"}),
    ),
    BookCase(
        "authors",
        "it: a two-letter title, another king's book first",
        BookPost("Stephen King - It"),
        both(IT),
        decoys=(S("It", "Owen King", 2010), S("It", "Alexa Chung", 2013)),
    ),
    BookCase(
        "authors",
        "it by a surname alone, which two kings of it share",
        BookPost("King - It"),
        both(IT),
        decoys=(S("It", "Owen King", 2010),),
        known_misses={
            OPEN_LIBRARY: "Owen King's It is as good a match for King",
            GOOGLE_BOOKS: "Owen King's It is as good a match for King",
        },
    ),
    BookCase(
        "authors",
        "the hobbit by its author's surname alone",
        BookPost("Tolkien - The Hobbit"),
        both(HOBBIT),
        decoys=(S("The Hobbit", "Christopher Tolkien", 1990, subtitle="A Reader's Edition"),),
    ),
    BookCase(
        "authors",
        "relic: two authors",
        BookPost("Relic", "Douglas Preston and Lincoln Child"),
        both(RELIC),
    ),
    BookCase(
        "titles",
        "sapiens without its subtitle, beside its graphic history and a summary",
        BookPost("Yuval Noah Harari - Sapiens"),
        both(SAPIENS),
        decoys=(
            S("Sapiens", "Yuval Noah Harari", 2020, subtitle="A Graphic History, Volume 1"),
            S("Summary of Sapiens", "QuickRead", 2019),
        ),
    ),
    BookCase(
        "titles",
        "the hobbit with its other title",
        BookPost("J.R.R. Tolkien - The Hobbit, or There and Back Again"),
        both(HOBBIT),
    ),
    BookCase(
        "titles",
        "dune with its series note",
        BookPost("Dune (Dune Chronicles, Book 1)", "Frank Herbert"),
        both(DUNE),
        decoys=(S("Dune Messiah", "Frank Herbert", 1969),),
    ),
    BookCase(
        "titles",
        "catcher in the rye without its article",
        BookPost("J.D. Salinger - Catcher in the Rye"),
        both(CATCHER),
    ),
    BookCase(
        "titles",
        "of mice & men",
        BookPost("John Steinbeck - Of Mice & Men"),
        both(MICE),
    ),
    BookCase(
        "titles",
        "the philosopher's stone among its sequels, under two titles on google",
        BookPost("J.K. Rowling - Harry Potter and the Philosopher's Stone"),
        both(
            STONE,
            google_books={
                "editions": (
                    Edition(1998, title="Harry Potter and the Sorcerer's Stone"),
                    Edition(1997),
                )
            },
        ),
        decoys=(
            S("Harry Potter and the Chamber of Secrets", "J. K. Rowling", 1998),
            S("Harry Potter and the Prisoner of Azkaban", "J. K. Rowling", 1999),
        ),
    ),
    BookCase(
        "decoys",
        "animal farm among its study guides and graphic novel",
        BookPost("George Orwell - Animal Farm"),
        both(ANIMAL_FARM),
        decoys=(
            S("Animal Farm (SparkNotes Literature Guide)", "SparkNotes", 2014),
            S("Animal Farm", "George Orwell", 2024, subtitle="The Graphic Novel"),
            S("CliffsNotes on Orwell's Animal Farm", "Daniel Moran", 2000),
        ),
    ),
    BookCase(
        "decoys",
        "becoming: other books of that name, a summary, the author's journal",
        BookPost("Michelle Obama - Becoming"),
        both(BECOMING),
        decoys=(
            S("Becoming", "Laura Ruby", 2019),
            S("Summary of Becoming by Michelle Obama", "BookHabits", 2019),
            S(
                "Becoming",
                "Michelle Obama",
                2019,
                subtitle="A Guided Journal for Discovering Your Voice",
            ),
        ),
    ),
    BookCase(
        "decoys",
        "the hunger games beside the boxed trilogy and the movie companion",
        BookPost("Suzanne Collins - The Hunger Games"),
        both(HUNGER),
        decoys=(
            S("The Hunger Games Trilogy Boxed Set", "Suzanne Collins", 2010),
            S(
                "The Hunger Games",
                "Kate Egan",
                2012,
                subtitle="Official Illustrated Movie Companion",
            ),
        ),
    ),
    BookCase(
        "decoys",
        "gone girl: a study guide, a namesake, the free preview",
        BookPost("Gillian Flynn - Gone Girl"),
        both(GONE_GIRL),
        decoys=(
            S("Study Guide: Gone Girl by Gillian Flynn", "SuperSummary", 2019),
            S("Gone Girl", "Jane Rowe", 2009),
            S("Gone Girl", "Gillian Flynn", 2011, subtitle="Free Preview (The First 5 Chapters)"),
        ),
    ),
    BookCase(
        "decoys",
        "the lord of the rings beside its box sets",
        BookPost("J.R.R. Tolkien - The Lord of the Rings"),
        both(RINGS),
        decoys=(
            S("The Lord of the Rings", TOLKIEN, 1965, subtitle="Boxed Set"),
            S("The Lord of the Rings 3-Book Paperback Box Set", TOLKIEN, 2020),
        ),
    ),
    BookCase(
        "decoys",
        "educated: google lists only a summary, under the author's name",
        BookPost("Tara Westover - Educated"),
        both(EDUCATED, google_books=None),
        decoys=(
            S(
                "Educated",
                "Tara Westover",
                2019,
                subtitle="Summary & Analysis",
                on=("google_books",),
            ),
        ),
    ),
    BookCase(
        "decoys",
        "kindred: google lists only the graphic adaptation",
        BookPost("Octavia E. Butler - Kindred"),
        both(KINDRED, google_books=None),
        decoys=(KINDRED_GRAPHIC.but(on=("google_books",)),),
    ),
    BookCase(
        "decoys",
        "coraline's graphic novel asked for, the novel shelved first",
        BookPost("Neil Gaiman - Coraline: The Graphic Novel"),
        both(CORALINE_GRAPHIC),
        decoys=(CORALINE,),
    ),
    BookCase(
        "decoys",
        "daring greatly: only its workbook on google",
        BookPost("Brene Brown - Daring Greatly"),
        both(DARING, google_books=None),
        decoys=(
            S("Daring Greatly", "Brené Brown", 2013, subtitle="Workbook", on=("google_books",)),
        ),
    ),
    BookCase(
        "decoys",
        "the midnight library: a free sampler older than the book",
        BookPost("Matt Haig - The Midnight Library"),
        both(MIDNIGHT),
        decoys=(S("The Midnight Library", "Matt Haig", 2019, subtitle="Free Sampler"),),
    ),
    BookCase(
        "decoys",
        "northern lights: google lists only a boxed set of it",
        BookPost("Philip Pullman - Northern Lights", year=1995),
        both(NORTHERN, google_books=None),
        decoys=(
            S(
                "Northern Lights",
                "Philip Pullman",
                1995,
                subtitle="His Dark Materials Boxed Set",
                on=(GOOGLE_BOOKS,),
            ),
        ),
    ),
    BookCase(
        "editions",
        "jane eyre: a duplicate work, a classics edition, a subtitled one",
        BookPost("Charlotte Bronte - Jane Eyre"),
        both(
            EYRE,
            google_books={
                "editions": (
                    Edition(2006, title="Jane Eyre (Penguin Classics)"),
                    Edition(2020, subtitle="An Autobiography"),
                    Edition(1847),
                )
            },
        ),
        decoys=(EYRE.but(edition_count=1, on=(OPEN_LIBRARY,)),),
    ),
    BookCase(
        "editions",
        "the great gatsby, the year the edition read",
        BookPost("F. Scott Fitzgerald - The Great Gatsby", year=2004),
        both(GATSBY, google_books={"editions": (Edition(2004), Edition(1925))}),
    ),
    BookCase(
        "editions",
        "moby dick without its hyphen, its other title on google",
        BookPost("Herman Melville - Moby Dick"),
        both(MOBY, google_books={"subtitle": "or, The Whale"}),
    ),
    BookCase(
        "editions",
        "the hobbit: a later edition's title on google",
        BookPost("Tolkien - The Hobbit"),
        both(
            HOBBIT,
            google_books={
                "editions": (
                    Edition(2012, subtitle="Or There and Back Again"),
                    Edition(2013, title="The Hobbit: 75th Anniversary Edition", subtitle=""),
                )
            },
        ),
    ),
    BookCase(
        "isbn",
        "the hobbit by its isbn-10 and nothing else",
        BookPost("The Hobbit", isbn="0-261-10320-2"),
        both(HOBBIT, google_books={"editions": (Edition(1999, HOBBIT_ISBN),)}),
        decoys=(S("The Hobbit", "Christopher Tolkien", 1990, subtitle="A Reader's Edition"),),
    ),
    BookCase(
        "isbn",
        "the fellowship of the ring by isbn-13 and author",
        BookPost("Tolkien, J.R.R. - The Fellowship of the Ring", isbn=FELLOWSHIP_ISBN),
        both(FELLOWSHIP, google_books={"editions": (Edition(2012, FELLOWSHIP_ISBN),)}),
    ),
    BookCase(
        "isbn",
        "homo deus with the isbn of a summary of it",
        BookPost("Yuval Noah Harari - Homo Deus", isbn=HOMO_SUMMARY_ISBN),
        both(HOMO_DEUS),
        decoys=(
            S(
                "Summary of Homo Deus",
                "Yuval Noah Harari",
                2017,
                isbns=(HOMO_SUMMARY_ISBN,),
                editions=(Edition(2017, HOMO_SUMMARY_ISBN),),
            ),
        ),
    ),
    BookCase(
        "isbn",
        "klara and the sun by an isbn neither catalogue knows",
        BookPost("Kazuo Ishiguro - Klara and the Sun", isbn=isbn13("978057136454")),
        both(KLARA),
    ),
    BookCase(
        "plain",
        "song of solomon",
        BookPost("Toni Morrison - Song of Solomon"),
        both(SOLOMON),
    ),
    BookCase(
        "plain",
        "americanah",
        BookPost("Americanah", "Chimamanda Ngozi Adichie"),
        both(AMERICANAH),
    ),
    BookCase(
        "plain",
        "little fires everywhere, not on open library",
        BookPost("Celeste Ng - Little Fires Everywhere"),
        both(FIRES, open_library=None),
    ),
    BookCase(
        "plain",
        "circe without its author",
        BookPost("Circe"),
        both(CIRCE),
        known_misses={OPEN_LIBRARY: NO_AUTHOR, GOOGLE_BOOKS: NO_AUTHOR},
    ),
    BookCase(
        "plain",
        "a local poet's book that no catalogue lists, a namesake's that they do",
        BookPost("Ana Ferreira - Verses from the Valley"),
        {},
        decoys=(S("Verses from the Valley", "Thomas Reed", 1998),),
    ),
]
