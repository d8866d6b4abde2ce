-- German and French translations of a few recipes (migration 0036's `translations`; docs/
-- nutrition.md, "Localisation"). Each language's object replaces that language's translation;
-- other languages and recipes an admin has written are left alone (0033, admin_touched).
-- Idempotent: rows change only when a value differs.

UPDATE recipes r SET translations = r.translations || t.translations::jsonb
FROM (VALUES
  ('shakshuka', $json${
    "de": {
      "name": "Shakshuka",
      "description": "In würziger Tomaten-Paprika-Soße sanft pochierte Eier, mit Feta und Petersilie vollendet. Ein Pfannengericht für Frühstück, Brunch oder zum Fastenbrechen.",
      "steps": [
        "Das Öl in einer tiefen Pfanne erhitzen und Zwiebel und Paprika 8 Minuten weich dünsten.",
        "Knoblauch, Kreuzkümmel und Paprikapulver zugeben und 1 Minute mitgaren.",
        "Die Tomaten zugeben und 10 Minuten einköcheln lassen; leicht würzen.",
        "4 Mulden in die Soße drücken und in jede ein Ei schlagen.",
        "Zugedeckt bei schwacher Hitze 6 bis 8 Minuten garen, bis das Eiweiß fest und das Eigelb noch weich ist.",
        "Feta und Petersilie darüberstreuen und in der Pfanne servieren."
      ],
      "ingredients": {
        "1": {"name": "Olivenöl"},
        "2": {"name": "Zwiebel", "notes": "fein geschnitten"},
        "3": {"name": "rote Paprika", "notes": "in Streifen"},
        "4": {"name": "Knoblauch", "notes": "zerdrückt"},
        "5": {"name": "gemahlener Kreuzkümmel"},
        "6": {"name": "geräuchertes Paprikapulver"},
        "7": {"name": "gehackte Tomaten", "notes": "eine Dose"},
        "8": {"name": "Eier"},
        "9": {"name": "Feta", "notes": "zerbröselt"},
        "10": {"name": "glatte Petersilie", "notes": "gehackt"}
      }
    },
    "fr": {
      "name": "Chakchouka",
      "description": "Des œufs pochés doucement dans une sauce épicée aux tomates et aux poivrons, finis avec de la feta et du persil. Un plat unique pour le petit-déjeuner, le brunch ou la rupture du jeûne.",
      "steps": [
        "Chauffer l'huile dans une sauteuse et faire revenir l'oignon et le poivron 8 minutes.",
        "Ajouter l'ail, le cumin et le paprika et cuire 1 minute.",
        "Verser les tomates et laisser mijoter 10 minutes jusqu'à épaississement ; saler légèrement.",
        "Creuser 4 puits dans la sauce et y casser un œuf.",
        "Couvrir et cuire à feu doux 6 à 8 minutes, jusqu'à ce que les blancs soient pris et les jaunes encore coulants.",
        "Parsemer de feta et de persil et servir dans la poêle."
      ],
      "ingredients": {
        "1": {"name": "huile d'olive"},
        "2": {"name": "oignon", "notes": "finement émincé"},
        "3": {"name": "poivron rouge", "notes": "en lanières"},
        "4": {"name": "ail", "notes": "écrasé"},
        "5": {"name": "cumin moulu"},
        "6": {"name": "paprika fumé"},
        "7": {"name": "tomates concassées", "notes": "une boîte"},
        "8": {"name": "œufs"},
        "9": {"name": "feta", "notes": "émiettée"},
        "10": {"name": "persil plat", "notes": "haché"}
      }
    }
  }$json$),
  ('greek-yogurt-berry-bowl', $json${
    "de": {
      "name": "Griechischer Joghurt mit Beeren, Chia und Walnüssen",
      "description": "Cremiger griechischer Joghurt mit Beeren, Chiasamen und Walnüssen: eiweißreich, in zwei Minuten fertig und sanft zu einem leeren Magen."
    },
    "fr": {
      "name": "Bol de yaourt grec aux fruits rouges, chia et noix",
      "description": "Un yaourt grec épais garni de fruits rouges, de graines de chia et de noix : riche en protéines, prêt en deux minutes et doux pour un estomac vide."
    }
  }$json$),
  ('hummus-with-crudites', $json${
    "de": {
      "name": "Hausgemachter Hummus mit Rohkost",
      "description": "Cremiger Hummus aus Kichererbsen, Tahin, Zitrone und Knoblauch mit Karotten-, Gurken- und Paprikasticks."
    },
    "fr": {
      "name": "Houmous maison et crudités",
      "description": "Un houmous onctueux de pois chiches, tahini, citron et ail, avec des bâtonnets de carotte, de concombre et de poivron."
    }
  }$json$)
) AS t(slug, translations)
WHERE r.slug = t.slug
  AND NOT admin_touched('nutrition.recipe', r.id::text)
  AND r.translations IS DISTINCT FROM r.translations || t.translations::jsonb;
