-- Content categories (names and order) and translations of a few articles into German and
-- French, upserted by natural key. The translations are condensed versions of the English
-- articles of seeds/040_content.sql, written to exercise Accept-Language end to end; an editor
-- replaces them through the admin API once it exists. Re-running changes nothing.

INSERT INTO content_categories (slug, name, position) VALUES
('beginners', 'Getting started', 1),
('if', 'Intermittent fasting', 2),
('hiit', 'HIIT', 3),
('nutrition', 'Nutrition', 4),
('sleep', 'Sleep', 5),
('mindset', 'Mindset', 6),
('research', 'Research', 7)
ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name, position = EXCLUDED.position
WHERE (content_categories.name, content_categories.position)
      IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.position);

INSERT INTO content_category_translations (category, language, name) VALUES
('beginners', 'de', 'Erste Schritte'),
('if', 'de', 'Intervallfasten'),
('hiit', 'de', 'HIIT'),
('nutrition', 'de', 'Ernährung'),
('sleep', 'de', 'Schlaf'),
('mindset', 'de', 'Einstellung'),
('research', 'de', 'Forschung'),
('beginners', 'fr', 'Premiers pas'),
('if', 'fr', 'Jeûne intermittent'),
('hiit', 'fr', 'HIIT'),
('nutrition', 'fr', 'Nutrition'),
('sleep', 'fr', 'Sommeil'),
('mindset', 'fr', 'État d''esprit'),
('research', 'fr', 'Recherche')
ON CONFLICT (category, language) DO UPDATE SET name = EXCLUDED.name
WHERE content_category_translations.name IS DISTINCT FROM EXCLUDED.name;

CREATE TEMP TABLE seed_content_translations (
    slug          text NOT NULL,
    language      text NOT NULL,
    search_config regconfig NOT NULL,
    title         text NOT NULL,
    summary       text NOT NULL,
    body_markdown text NOT NULL,
    PRIMARY KEY (slug, language)
) ON COMMIT DROP;

INSERT INTO seed_content_translations VALUES
('intermittent-fasting-explained', 'de', 'german',
'Intervallfasten, einfach erklärt',
'Was Intervallfasten ist, wie man es praktiziert und was die Forschung bisher zeigt und was '
'nicht.',
$md$
Intervallfasten ist keine Diät im üblichen Sinn. Es sagt wenig darüber, *was* Sie essen, aber
viel darüber, *wann*. Geplante Zeiten ohne Essen (Wasser, schwarzer Kaffee und ungesüßter Tee
sind erlaubt) wechseln sich mit Zeiten ab, in denen Sie normal essen.

## Die wichtigsten Formen

- **Zeitlich begrenztes Essen.** Sie essen innerhalb eines täglichen Fensters, zum Beispiel acht
  Stunden, und fasten die übrigen sechzehn ("16:8").
- **5:2.** Fünf Tage normales Essen und zwei nicht aufeinanderfolgende Tage mit etwa 500 bis
  600 kcal.
- **Alternierendes Fasten.** Fastentage wechseln sich mit normalen Tagen ab.

## Was die Forschung zeigt

Studien am Menschen zeigen eine Gewichtsabnahme, die etwa der einer klassischen
Kalorienreduktion entspricht. Ob das Fasten darüber hinaus Vorteile bringt, ist noch offen.
$md$),
('intermittent-fasting-explained', 'fr', 'french',
'Le jeûne intermittent, expliqué',
'Ce qu''est le jeûne intermittent, ses principales formes, et ce que la recherche montre ou ne '
'montre pas encore.',
$md$
Le jeûne intermittent n'est pas un régime au sens habituel. Il dit peu de choses sur *ce que*
vous mangez et beaucoup sur *quand* vous mangez. Des périodes sans nourriture (l'eau, le café
noir et le thé nature sont permis) alternent avec des périodes où vous mangez normalement.

## Les principales formes

- **L'alimentation à horaires restreints.** Vous mangez dans une fenêtre quotidienne, par
  exemple huit heures, et jeûnez les seize autres ("16:8").
- **5:2.** Cinq jours d'alimentation habituelle et deux jours non consécutifs à environ 500 à
  600 kcal.
- **Le jeûne un jour sur deux.** Les jours de jeûne alternent avec des jours normaux.

## Ce que montre la recherche

Les études chez l'humain montrent une perte de poids comparable à celle d'une restriction
calorique classique. Les bénéfices au-delà restent à confirmer.
$md$),
('who-should-not-fast', 'de', 'german',
'Wer nicht fasten sollte',
'Für manche Menschen ist Fasten riskant. Wer vorher mit der Ärztin oder dem Arzt sprechen '
'sollte, steht hier.',
$md$
Fasten ist nicht für alle geeignet. Schwangere und Stillende, Kinder und Jugendliche, Menschen
mit einer Essstörung in der Vorgeschichte und Menschen mit Untergewicht sollten nicht fasten.

## Zuerst mit dem Arzt sprechen

Wer Insulin oder blutzuckersenkende Medikamente nimmt, Blutdruckmittel einnimmt oder eine
chronische Erkrankung hat, bespricht das Fasten vorher mit der Ärztin oder dem Arzt.
$md$),
('early-time-restricted-eating', 'de', 'german',
'Früh am Tag essen: zeitlich begrenztes Essen am Morgen',
'Warum ein Essfenster am frühen Tag zur inneren Uhr passt, was Studien zeigen und wie man es '
'ausprobiert.',
$md$
Beim frühen zeitlich begrenzten Essen liegt das Essfenster am Morgen und frühen Nachmittag,
etwa von 8 bis 14 Uhr. Die innere Uhr verarbeitet Zucker am Morgen besser als am Abend.

## Was Studien zeigen

Kleine, sorgfältig kontrollierte Studien fanden eine bessere Insulinempfindlichkeit und einen
niedrigeren Blutdruck, auch ohne Gewichtsverlust.
$md$);

-- A slug typo would silently drop a translation: fail the whole seed instead.
DO $$
DECLARE
    missing text;
BEGIN
    SELECT string_agg(DISTINCT s.slug, ', ') INTO missing
    FROM seed_content_translations s
    LEFT JOIN content_articles a ON a.slug = s.slug
    WHERE a.id IS NULL;
    IF missing IS NOT NULL THEN
        RAISE EXCEPTION 'seed_content_translations names unknown articles: %', missing;
    END IF;
END;
$$;

INSERT INTO content_article_translations (article_id, language, title, summary, body_markdown,
                                          search_config)
SELECT a.id, s.language, s.title, s.summary, btrim(s.body_markdown, E'\n'), s.search_config
FROM seed_content_translations s
JOIN content_articles a ON a.slug = s.slug
ON CONFLICT (article_id, language) DO UPDATE SET
    title = EXCLUDED.title, summary = EXCLUDED.summary, body_markdown = EXCLUDED.body_markdown,
    search_config = EXCLUDED.search_config
-- Translations an admin has written are the editors' (0033, admin_touched).
WHERE NOT admin_touched('content.article_translation',
                        content_article_translations.article_id::text || '/' ||
                        content_article_translations.language)
  AND (content_article_translations.title, content_article_translations.summary,
       content_article_translations.body_markdown, content_article_translations.search_config)
      IS DISTINCT FROM
      (EXCLUDED.title, EXCLUDED.summary, EXCLUDED.body_markdown, EXCLUDED.search_config);

DROP TABLE seed_content_translations;
