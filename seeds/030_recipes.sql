-- Recipe library: 30 cookable recipes with per-serving nutrition, upserted by slug (idempotent).
-- Nutrition is estimated per serving from USDA FoodData Central / UK CoFID values for the listed
-- ingredients (see docs/reference-data-nutrition-content.md); it is a guide, not a lab analysis.
-- Re-running changes nothing: updates fire only when a value differs, so updated_at stays put.

INSERT INTO recipes (slug, name, description, instructions,
                     prep_time_minutes, cook_time_minutes, servings,
                     kcal, protein_g, carbs_g, fat_g, fiber_g, sugar_g, sodium_mg,
                     diet_types, allergens, meal_types,
                     is_bulletproof, is_slow_cooker, is_premium, is_active)
VALUES
('bulletproof-coffee', 'Bulletproof coffee',
 'Hot coffee blended with butter and MCT oil until frothy. Calorie-dense and carb-free: it ends a '
 'fast in the strict sense, so treat it as a fat-only breakfast rather than a fasting drink.',
 '["Brew 240 ml of strong coffee.",
   "Put the hot coffee, butter and MCT oil in a blender (or use a milk frother in a tall mug).",
   "Blend for 20 to 30 seconds until pale and foamy, then drink straight away.",
   "Start with 1 tsp of MCT oil if you are new to it: larger amounts can upset the stomach."]',
 5, 0, 1, 230, 0.3, 0.0, 25.5, 0.0, 0.0, 5.0,
 '["vegetarian","keto","low_carb","gluten_free"]', '["dairy"]', '["breakfast"]',
 true, false, false, true),

('vegan-bulletproof-coffee', 'Vegan coconut bulletproof coffee',
 'A dairy-free take on bulletproof coffee with MCT oil and coconut cream, warmed with cinnamon.',
 '["Brew 240 ml of strong coffee.",
   "Blend the hot coffee with the MCT oil, coconut cream and cinnamon for 20 to 30 seconds.",
   "Pour into a warmed mug and drink while the foam holds."]',
 5, 0, 1, 150, 0.5, 1.0, 17.0, 0.2, 0.5, 5.0,
 '["vegetarian","vegan","keto","low_carb","paleo","gluten_free","dairy_free"]', '[]',
 '["breakfast"]',
 true, false, false, true),

('slow-cooker-chicken-bone-broth', 'Slow-cooker chicken bone broth',
 'A long, gentle simmer of chicken bones and vegetables. A warm, savoury, easy first thing to '
 'take after a longer fast, and a base for soups.',
 '["Put the chicken carcasses or wings in the slow cooker with the vegetables, garlic and bay.",
   "Add the vinegar and enough cold water to cover (about 3 litres).",
   "Cook on LOW for 12 hours (up to 24); skim off any foam after the first hour.",
   "Strain through a fine sieve, season with the salt and cool quickly.",
   "Refrigerate up to 4 days or freeze in 250 ml portions; lift off the set fat if you like."]',
 15, 720, 8, 45, 9.0, 1.0, 1.0, 0.0, 0.5, 380.0,
 '["keto","low_carb","paleo","gluten_free","dairy_free"]', '[]', '["snack","break_fast"]',
 false, true, false, true),

('soft-scrambled-eggs-avocado', 'Soft scrambled eggs with avocado',
 'Two eggs scrambled low and slow in a little butter, with half an avocado. Protein, fat and '
 'fibre in a small, easy-to-digest plate that suits the first meal after a fast.',
 '["Beat the eggs with a pinch of salt.",
   "Melt the butter in a small non-stick pan over low heat.",
   "Add the eggs and stir gently with a spatula, pulling curds from the edges, for 3 to 4 minutes.",
   "Take the pan off the heat while the eggs still look slightly wet; they finish in the pan.",
   "Serve with the sliced avocado and chives."]',
 5, 5, 1, 335, 14.8, 9.5, 28.0, 6.8, 1.0, 300.0,
 '["vegetarian","keto","low_carb","gluten_free"]', '["egg","dairy"]',
 '["breakfast","break_fast"]',
 false, false, false, true),

('greek-yogurt-berry-bowl', 'Greek yogurt bowl with berries, chia and walnuts',
 'Thick Greek yogurt topped with berries, chia seeds and walnuts: high in protein, ready in two '
 'minutes, and gentle on an empty stomach.',
 '["Spoon the yogurt into a bowl.",
   "Top with the berries (thawed frozen berries work well), chia seeds and chopped walnuts.",
   "Leave for 5 minutes if you like the chia slightly softened."]',
 3, 0, 1, 305, 23.5, 24.4, 14.2, 7.2, 13.5, 75.0,
 '["vegetarian","gluten_free","high_protein"]', '["dairy","nuts"]',
 '["breakfast","snack","break_fast"]',
 false, false, false, true),

('peanut-butter-overnight-oats', 'Peanut butter overnight oats',
 'Oats soaked overnight in milk with chia, peanut butter and banana. Make it the night before '
 'for a filling breakfast with plenty of fibre.',
 '["Stir the oats, chia seeds and milk together in a jar.",
   "Swirl in the peanut butter and add the cinnamon.",
   "Cover and refrigerate overnight (at least 6 hours).",
   "In the morning loosen with a splash of milk and top with the sliced banana."]',
 5, 0, 1, 450, 17.3, 59.9, 17.7, 11.3, 15.5, 130.0,
 '["vegetarian"]', '["dairy","peanuts","gluten"]', '["breakfast"]',
 false, false, false, true),

('shakshuka', 'Shakshuka',
 'Eggs gently poached in a spiced tomato and pepper sauce, finished with feta and parsley. '
 'A one-pan meal for breakfast, brunch or breaking a fast.',
 '["Heat the oil in a deep frying pan and soften the onion and pepper for 8 minutes.",
   "Add the garlic, cumin and paprika and cook for 1 minute.",
   "Tip in the tomatoes and simmer for 10 minutes until thickened; season lightly.",
   "Make 4 hollows in the sauce and crack an egg into each.",
   "Cover and cook on low for 6 to 8 minutes until the whites are set and the yolks still soft.",
   "Scatter over the feta and parsley and serve from the pan."]',
 10, 25, 2, 330, 16.0, 18.5, 20.0, 5.0, 11.5, 750.0,
 '["vegetarian","mediterranean","gluten_free"]', '["egg","dairy"]',
 '["breakfast","lunch","break_fast"]',
 false, false, false, true),

('salmon-quinoa-power-bowl', 'Salmon and quinoa power bowl',
 'Roast salmon over quinoa with edamame, cucumber and avocado, dressed with tamari and sesame. '
 'A balanced plate of protein, slow carbohydrate, fibre and omega-3 fats.',
 '["Rinse the quinoa and simmer in twice its volume of water for 15 minutes; rest covered.",
   "Roast the salmon at 200 C for 12 to 14 minutes until it flakes.",
   "Cook the edamame in boiling water for 3 minutes and drain.",
   "Whisk the tamari and sesame oil together.",
   "Build the bowl: quinoa, salmon, edamame, cucumber and avocado; dress and add sesame seeds."]',
 10, 20, 1, 660, 40.0, 45.0, 38.0, 12.6, 2.5, 420.0,
 '["gluten_free","dairy_free","high_protein"]', '["fish","soy","sesame"]',
 '["lunch","dinner","break_fast"]',
 false, false, true, true),

('slow-cooker-red-lentil-soup', 'Slow-cooker red lentil and vegetable soup',
 'Red lentils, carrots and tomatoes cooked down with cumin and turmeric, finished with spinach '
 'and lemon. Cheap, filling, plant-based and a gentle way to end a fast.',
 '["Rinse the lentils until the water runs clear.",
   "Put everything except the spinach and lemon juice in the slow cooker.",
   "Cook on LOW for 6 to 8 hours (or HIGH for 3 to 4) until the lentils have collapsed.",
   "Stir in the spinach until wilted, add the lemon juice and check the seasoning.",
   "Blend part of the soup if you prefer it smoother."]',
 15, 420, 6, 260, 14.2, 38.8, 5.4, 7.5, 4.0, 520.0,
 '["vegetarian","vegan","gluten_free","dairy_free"]', '[]',
 '["lunch","dinner","break_fast"]',
 false, true, false, true),

('slow-cooker-chicken-chili', 'Slow-cooker chicken and black bean chili',
 'Chicken thighs, black beans and tomatoes slow-cooked with chili and smoked paprika, then '
 'shredded. High in protein and fibre; freezes well.',
 '["Put the onion, pepper and garlic in the slow cooker and lay the chicken thighs on top.",
   "Add the spices, tomatoes, drained beans, stock and salt and stir around the chicken.",
   "Cook on LOW for 6 to 7 hours or HIGH for 3 to 4.",
   "Shred the chicken in the pot with two forks.",
   "Finish with the lime juice and coriander."]',
 15, 390, 6, 270, 32.8, 21.2, 6.2, 7.0, 4.0, 725.0,
 '["gluten_free","dairy_free","high_protein"]', '[]', '["lunch","dinner"]',
 false, true, false, true),

('slow-cooker-beef-sweet-potato-stew', 'Slow-cooker beef and sweet potato stew',
 'Chunks of beef chuck braised for hours with sweet potato, mushrooms and thyme until tender. '
 'Paleo-friendly comfort food that reheats well.',
 '["Brown the beef in the oil in batches in a hot pan, then move it to the slow cooker.",
   "Soften the onion in the same pan for 3 minutes, stir in the garlic and tomato paste.",
   "Deglaze with some of the stock and scrape everything into the slow cooker.",
   "Add the vegetables, remaining stock, thyme, bay and salt.",
   "Cook on LOW for 8 hours until the beef falls apart; remove the bay and thyme stems."]',
 20, 480, 6, 365, 34.2, 22.8, 16.0, 4.4, 6.5, 660.0,
 '["paleo","gluten_free","dairy_free","high_protein"]', '[]', '["lunch","dinner"]',
 false, true, true, true),

('slow-cooker-chickpea-sweet-potato-curry', 'Slow-cooker chickpea and sweet potato curry',
 'A mild coconut curry of chickpeas, sweet potato and spinach. Plant-based, freezer-friendly '
 'and good with rice or on its own.',
 '["Put the onion, garlic, ginger, curry powder and turmeric in the slow cooker and stir.",
   "Add the sweet potato, drained chickpeas, tomatoes, coconut milk and salt.",
   "Cook on LOW for 6 hours or HIGH for 3 until the sweet potato is tender.",
   "Stir in the spinach for the last 10 minutes and finish with lime juice."]',
 15, 360, 6, 255, 9.2, 41.0, 6.9, 9.8, 6.8, 545.0,
 '["vegetarian","vegan","gluten_free","dairy_free"]', '[]', '["lunch","dinner"]',
 false, true, false, true),

('lemon-butter-salmon-asparagus', 'Lemon butter salmon with asparagus',
 'Pan-seared salmon and asparagus in a garlic, lemon and dill butter. Low in carbohydrate and '
 'ready in 20 minutes.',
 '["Pat the salmon dry and season with a little salt.",
   "Melt half the butter in a large pan and cook the salmon skin side down for 4 minutes.",
   "Turn the salmon, add the asparagus and cook for 4 more minutes.",
   "Add the remaining butter and garlic, then the lemon juice and dill, and baste for 1 minute."]',
 5, 15, 2, 445, 33.2, 6.5, 32.0, 2.7, 2.4, 560.0,
 '["keto","low_carb","gluten_free","high_protein"]', '["fish","dairy"]', '["lunch","dinner"]',
 false, false, false, true),

('creamy-garlic-chicken-spinach', 'Creamy garlic chicken with spinach and tomatoes',
 'Browned chicken thighs in a garlic, cream and Parmesan sauce with spinach and cherry '
 'tomatoes. A rich keto dinner; serve with greens or cauliflower mash.',
 '["Season the chicken lightly and brown in the oil for 5 to 6 minutes a side; set aside.",
   "Lower the heat, add the garlic and tomatoes and cook for 2 minutes.",
   "Pour in the cream, bring to a simmer and stir in the Parmesan.",
   "Add the spinach and let it wilt.",
   "Return the chicken and simmer for 5 minutes until cooked through (75 C in the centre)."]',
 10, 25, 4, 435, 35.4, 4.6, 30.6, 1.4, 2.2, 610.0,
 '["keto","low_carb","gluten_free","high_protein"]', '["dairy"]', '["dinner"]',
 false, false, false, true),

('tofu-cauliflower-fried-rice', 'Tofu and cauliflower fried rice',
 'Riced cauliflower stir-fried with tofu, egg, peas and carrot in tamari and sesame. The feel '
 'of fried rice with a fraction of the carbohydrate.',
 '["Press the tofu, cut it into small cubes and fry in half the oil until golden; set aside.",
   "Fry the garlic, ginger and carrot in the remaining oil for 2 minutes.",
   "Add the riced cauliflower and peas and stir-fry for 5 minutes until just tender.",
   "Push everything aside, scramble the eggs in the space, then mix through.",
   "Return the tofu, add the tamari, sesame oil and spring onions and toss well."]',
 15, 15, 2, 400, 28.0, 28.0, 21.4, 8.9, 10.0, 950.0,
 '["vegetarian","low_carb","gluten_free","dairy_free","high_protein"]', '["egg","soy","sesame"]',
 '["lunch","dinner"]',
 false, false, false, true),

('mediterranean-chickpea-salad', 'Mediterranean chickpea salad',
 'Chickpeas, cucumber, tomatoes, red onion and olives in a lemon and oregano dressing. Keeps '
 'well in the fridge for packed lunches.',
 '["Drain and rinse the chickpeas.",
   "Chop the cucumber, halve the tomatoes, finely slice the onion and halve the olives.",
   "Whisk the oil, lemon juice, oregano and a pinch of salt.",
   "Toss everything with the parsley and leave for 10 minutes before eating."]',
 15, 0, 2, 365, 11.0, 40.5, 19.9, 11.2, 7.0, 650.0,
 '["vegetarian","vegan","mediterranean","gluten_free","dairy_free"]', '[]',
 '["lunch","dinner"]',
 false, false, false, true),

('greek-chicken-traybake', 'Greek chicken traybake with feta',
 'Chicken breast roasted with new potatoes, peppers, courgettes and red onion, with lemon, '
 'oregano and crumbled feta. One tray, little washing up.',
 '["Heat the oven to 200 C.",
   "Halve the potatoes and roast with 1 tbsp of the oil for 15 minutes.",
   "Cut the chicken and vegetables into chunks; toss with the oil, garlic, oregano, zest, salt.",
   "Add them to the tray and roast for 25 minutes more, until the chicken reaches 75 C.",
   "Squeeze over the lemon juice and scatter with the feta."]',
 15, 40, 4, 440, 40.6, 27.3, 18.9, 5.1, 8.7, 600.0,
 '["mediterranean","gluten_free","high_protein"]', '["dairy"]', '["lunch","dinner"]',
 false, false, false, true),

('tuna-white-bean-salad', 'Tuna and white bean salad',
 'Canned tuna and cannellini beans with rocket, tomatoes and capers in a sharp vinaigrette. A '
 'store-cupboard lunch with plenty of protein and fibre.',
 '["Drain the tuna and the beans; rinse the beans.",
   "Whisk the oil and vinegar with a pinch of salt and pepper.",
   "Toss the beans, tomatoes, onion, capers and parsley with the dressing.",
   "Fold in the tuna in large flakes and serve over the rocket."]',
 10, 0, 2, 345, 28.3, 26.4, 15.0, 9.5, 4.0, 625.0,
 '["mediterranean","gluten_free","dairy_free","high_protein"]', '["fish"]',
 '["lunch","break_fast"]',
 false, false, false, true),

('coconut-chia-pudding', 'Coconut chia pudding with raspberries',
 'Chia seeds set overnight in almond milk with vanilla and a little maple syrup, topped with '
 'raspberries and coconut. Very high in fibre.',
 '["Whisk the chia seeds, almond milk, maple syrup and vanilla in a jar.",
   "Whisk again after 5 minutes to break up clumps.",
   "Cover and refrigerate for at least 4 hours or overnight.",
   "Top with the raspberries and coconut flakes."]',
 5, 0, 1, 290, 8.4, 31.7, 17.2, 18.8, 8.0, 175.0,
 '["vegetarian","vegan","gluten_free","dairy_free"]', '["nuts"]',
 '["breakfast","snack","break_fast"]',
 false, false, false, true),

('banana-oat-protein-pancakes', 'Banana oat pancakes with cottage cheese',
 'Blender pancakes of oats, banana, eggs and cottage cheese with blueberries. No flour, no '
 'added sugar, and around 20 g of protein a serving.',
 '["Blend the oats to a coarse flour.",
   "Add the banana, eggs, cottage cheese, baking powder and cinnamon and blend until smooth.",
   "Rest the batter for 5 minutes.",
   "Cook small pancakes in a lightly oiled non-stick pan, 2 minutes a side, until golden.",
   "Serve with the blueberries."]',
 10, 15, 2, 350, 19.4, 45.2, 11.0, 6.4, 15.2, 590.0,
 '["vegetarian","high_protein"]', '["egg","dairy","gluten"]', '["breakfast","break_fast"]',
 false, false, false, true),

('green-protein-smoothie', 'Green smoothie with avocado and mango',
 'Soy milk blended with spinach, banana, mango, avocado and flaxseed. A soft, easy meal when '
 'solid food does not appeal yet.',
 '["Put the soy milk in the blender first, then the spinach.",
   "Add the frozen banana, mango, avocado and flaxseed.",
   "Blend for 60 seconds until completely smooth; add water if too thick."]',
 5, 0, 1, 290, 12.4, 30.4, 15.4, 9.6, 15.7, 130.0,
 '["vegetarian","vegan","gluten_free","dairy_free"]', '["soy"]',
 '["breakfast","snack","break_fast"]',
 false, false, false, true),

('miso-soup-tofu-wakame', 'Miso soup with tofu and wakame',
 'A light kombu broth with white miso, silken tofu, mushrooms and wakame. Warm, savoury and '
 'small: a gentle way to break a fast. Salty, so mind portions if you watch sodium.',
 '["Soak the kombu in the water for 20 minutes, then bring slowly to a simmer and remove it.",
   "Soak the wakame in cold water for 5 minutes and drain.",
   "Simmer the mushrooms in the broth for 3 minutes.",
   "Take the pan off the boil, whisk the miso into a ladle of broth and stir it back in.",
   "Add the tofu and wakame, warm through without boiling, and top with spring onion."]',
 10, 10, 2, 85, 6.5, 7.8, 3.0, 2.2, 2.0, 1000.0,
 '["vegetarian","vegan","low_carb","dairy_free"]', '["soy"]',
 '["lunch","snack","break_fast"]',
 false, false, false, true),

('turkey-lettuce-wraps', 'Ginger turkey lettuce wraps',
 'Turkey mince stir-fried with ginger, garlic, pepper and coconut aminos, spooned into butter '
 'lettuce cups and topped with cashews.',
 '["Heat the oil in a wok and brown the turkey, breaking it up, for 6 minutes.",
   "Add the garlic, ginger, pepper and carrot and stir-fry for 3 minutes.",
   "Add the coconut aminos and rice vinegar and cook until glossy.",
   "Stir through the spring onions and lime juice.",
   "Spoon into the lettuce leaves and scatter with the chopped cashews."]',
 15, 12, 4, 295, 26.7, 10.5, 15.7, 2.4, 5.5, 315.0,
 '["low_carb","paleo","gluten_free","dairy_free","high_protein"]', '["nuts"]',
 '["lunch","dinner"]',
 false, false, false, true),

('sirloin-chimichurri-green-beans', 'Sirloin steak with chimichurri and green beans',
 'Seared sirloin with a fresh parsley, garlic and vinegar chimichurri and crisp green beans.',
 '["Take the steaks out of the fridge 30 minutes ahead and season with salt.",
   "Chop the parsley and garlic finely and mix with 2 tbsp oil, vinegar, oregano and chili.",
   "Sear the steaks in the remaining oil in a very hot pan, 3 minutes a side for medium rare.",
   "Rest the steaks for 5 minutes while you boil the beans for 4 minutes.",
   "Slice the steak and spoon the chimichurri over it and the beans."]',
 15, 15, 2, 545, 45.0, 10.5, 36.6, 4.0, 4.1, 700.0,
 '["keto","low_carb","paleo","gluten_free","dairy_free","high_protein"]', '[]', '["dinner"]',
 false, false, true, true),

('vegetable-egg-muffins', 'Vegetable and cheddar egg muffins',
 'Baked egg cups with pepper, spinach, spring onion and cheddar. Make a batch of 12 for grab-and-'
 'go breakfasts or a ready meal to break a fast.',
 '["Heat the oven to 180 C and oil a 12-hole muffin tin.",
   "Divide the chopped pepper, spinach and spring onions between the holes.",
   "Whisk the eggs with the milk and salt and pour over the vegetables.",
   "Top with the cheddar and bake for 20 minutes until set in the middle.",
   "Cool for 5 minutes before turning out. Keeps 4 days in the fridge."]',
 15, 20, 6, 200, 15.3, 4.1, 13.2, 1.0, 2.4, 420.0,
 '["vegetarian","keto","low_carb","gluten_free","high_protein"]', '["egg","dairy"]',
 '["breakfast","snack","break_fast"]',
 false, false, false, true),

('hummus-with-crudites', 'Homemade hummus with crudités',
 'Smooth hummus of chickpeas, tahini, lemon and garlic with carrot, cucumber and pepper sticks.',
 '["Blend the chickpeas, tahini, lemon juice, garlic, cumin and salt for 1 minute.",
   "With the motor running add the ice water a spoonful at a time until very smooth.",
   "Spoon into a bowl and drizzle with the olive oil.",
   "Cut the vegetables into sticks and serve alongside."]',
 15, 0, 6, 170, 5.2, 18.0, 9.7, 5.0, 4.1, 265.0,
 '["vegetarian","vegan","mediterranean","gluten_free","dairy_free"]', '["sesame"]',
 '["snack"]',
 false, false, false, true),

('smoked-salmon-cucumber-bites', 'Smoked salmon and cream cheese cucumber bites',
 'Thick cucumber rounds topped with cream cheese, smoked salmon and dill. A low-carbohydrate '
 'snack that needs no cooking.',
 '["Cut the cucumber into 1.5 cm rounds and pat dry.",
   "Beat the cream cheese with the lemon zest and black pepper.",
   "Spread or pipe a little onto each round.",
   "Top with a curl of smoked salmon, a caper and a sprig of dill."]',
 15, 0, 4, 128, 6.5, 3.9, 9.7, 0.4, 2.0, 310.0,
 '["keto","low_carb","gluten_free"]', '["fish","dairy"]', '["snack"]',
 false, false, false, true),

('turmeric-tofu-scramble', 'Turmeric tofu scramble',
 'Crumbled firm tofu cooked with onion, pepper, turmeric and nutritional yeast: a plant-based '
 'scramble with almost 30 g of protein a serving.',
 '["Soften the onion and pepper in the oil for 5 minutes.",
   "Add the garlic, turmeric and cumin and cook for 30 seconds.",
   "Crumble in the tofu and cook for 5 minutes, stirring, until hot and lightly golden.",
   "Stir in the nutritional yeast, salt and spinach until the spinach wilts. Season with pepper."]',
 10, 12, 2, 345, 28.4, 16.0, 20.4, 7.0, 5.5, 340.0,
 '["vegetarian","vegan","gluten_free","dairy_free","high_protein"]', '["soy"]',
 '["breakfast","lunch","break_fast"]',
 false, false, false, true),

('courgette-noodles-pesto-prawns', 'Courgette noodles with basil pesto and prawns',
 'Spiralised courgette tossed with garlicky prawns, cherry tomatoes and fresh basil pesto.',
 '["Blend the basil, pine nuts, Parmesan, garlic and 2 tbsp oil into a coarse pesto.",
   "Fry the prawns in the remaining oil for 2 minutes a side until pink; set aside.",
   "Toss the tomatoes and courgette noodles in the pan for 2 minutes only, so they stay firm.",
   "Off the heat, stir through the pesto and prawns and season lightly."]',
 15, 8, 2, 490, 35.8, 14.2, 34.1, 4.3, 9.3, 700.0,
 '["low_carb","gluten_free","high_protein"]', '["shellfish","nuts","dairy"]', '["dinner"]',
 false, false, true, true),

('baked-cod-tomatoes-olives', 'Baked cod with cherry tomatoes and olives',
 'Cod fillets baked on a bed of cherry tomatoes, olives, capers and garlic. Lean, quick and '
 'Mediterranean.',
 '["Heat the oven to 200 C.",
   "Toss the tomatoes, olives, capers and sliced garlic with the oil in a baking dish.",
   "Roast for 10 minutes until the tomatoes start to burst.",
   "Nestle in the cod, season lightly, and bake for 10 to 12 minutes until it flakes.",
   "Finish with lemon juice and torn basil."]',
 10, 22, 4, 220, 28.3, 6.3, 9.6, 2.0, 2.8, 570.0,
 '["mediterranean","low_carb","paleo","gluten_free","dairy_free","high_protein"]', '["fish"]',
 '["lunch","dinner"]',
 false, false, false, true)
ON CONFLICT (slug) DO UPDATE SET
    name = EXCLUDED.name, description = EXCLUDED.description,
    instructions = EXCLUDED.instructions, prep_time_minutes = EXCLUDED.prep_time_minutes,
    cook_time_minutes = EXCLUDED.cook_time_minutes, servings = EXCLUDED.servings,
    kcal = EXCLUDED.kcal, protein_g = EXCLUDED.protein_g, carbs_g = EXCLUDED.carbs_g,
    fat_g = EXCLUDED.fat_g, fiber_g = EXCLUDED.fiber_g, sugar_g = EXCLUDED.sugar_g,
    sodium_mg = EXCLUDED.sodium_mg, diet_types = EXCLUDED.diet_types,
    allergens = EXCLUDED.allergens, meal_types = EXCLUDED.meal_types,
    is_bulletproof = EXCLUDED.is_bulletproof, is_slow_cooker = EXCLUDED.is_slow_cooker,
    is_premium = EXCLUDED.is_premium, is_active = EXCLUDED.is_active
-- Skip identical rows so a re-run leaves updated_at (and the row version) alone, and recipes an
-- admin has written: from then on they are the editors' (0033, admin_touched).
WHERE NOT admin_touched('nutrition.recipe', recipes.id::text)
  AND (recipes.name, recipes.description, recipes.instructions, recipes.prep_time_minutes,
       recipes.cook_time_minutes, recipes.servings, recipes.kcal, recipes.protein_g,
       recipes.carbs_g, recipes.fat_g, recipes.fiber_g, recipes.sugar_g, recipes.sodium_mg,
       recipes.diet_types, recipes.allergens, recipes.meal_types, recipes.is_bulletproof,
       recipes.is_slow_cooker, recipes.is_premium, recipes.is_active)
      IS DISTINCT FROM
      (EXCLUDED.name, EXCLUDED.description, EXCLUDED.instructions, EXCLUDED.prep_time_minutes,
       EXCLUDED.cook_time_minutes, EXCLUDED.servings, EXCLUDED.kcal, EXCLUDED.protein_g,
       EXCLUDED.carbs_g, EXCLUDED.fat_g, EXCLUDED.fiber_g, EXCLUDED.sugar_g, EXCLUDED.sodium_mg,
       EXCLUDED.diet_types, EXCLUDED.allergens, EXCLUDED.meal_types, EXCLUDED.is_bulletproof,
       EXCLUDED.is_slow_cooker, EXCLUDED.is_premium, EXCLUDED.is_active);

-- A recipe an admin deleted stays deleted (migration 0036's recipe_deletions): the insert above
-- brought it back under a new id, which no admin wrote. One an admin created again at that slug
-- is theirs and stays.
DELETE FROM recipes r
USING recipe_deletions d
WHERE r.slug = d.slug AND NOT admin_touched('nutrition.recipe', r.id::text);

-- Ingredients: the seed list below is the truth for every recipe it names. Rows are upserted by
-- (recipe, position) and positions no longer listed are deleted, which "replaces" the list
-- while leaving unchanged rows untouched.
-- ON COMMIT DROP as a backstop; the file also drops it at the end so two seed files in one
-- transaction could reuse the name.
CREATE TEMP TABLE seed_recipe_ingredients (
    recipe_slug text NOT NULL,
    position    integer NOT NULL,
    name        text NOT NULL,
    quantity    numeric(10,2),
    unit        text,
    notes       text,
    PRIMARY KEY (recipe_slug, position)
) ON COMMIT DROP;

INSERT INTO seed_recipe_ingredients (recipe_slug, position, name, quantity, unit, notes) VALUES
('bulletproof-coffee', 1, 'brewed coffee', 240, 'ml', 'hot, freshly brewed'),
('bulletproof-coffee', 2, 'unsalted butter', 1, 'tbsp', 'grass-fed if available'),
('bulletproof-coffee', 3, 'MCT oil', 1, 'tbsp', 'start with 1 tsp if new to it'),

('vegan-bulletproof-coffee', 1, 'brewed coffee', 240, 'ml', 'hot, freshly brewed'),
('vegan-bulletproof-coffee', 2, 'MCT oil', 1, 'tbsp', NULL),
('vegan-bulletproof-coffee', 3, 'coconut cream', 1, 'tbsp', 'from a can, unsweetened'),
('vegan-bulletproof-coffee', 4, 'ground cinnamon', 1, 'pinch', NULL),

('slow-cooker-chicken-bone-broth', 1, 'chicken carcasses or wings', 1.5, 'kg', 'raw or roasted'),
('slow-cooker-chicken-bone-broth', 2, 'carrot', 2, 'piece', 'roughly chopped'),
('slow-cooker-chicken-bone-broth', 3, 'celery stick', 2, 'piece', 'roughly chopped'),
('slow-cooker-chicken-bone-broth', 4, 'onion', 1, 'piece', 'quartered, skin on'),
('slow-cooker-chicken-bone-broth', 5, 'garlic', 4, 'clove', 'crushed'),
('slow-cooker-chicken-bone-broth', 6, 'apple cider vinegar', 2, 'tbsp', NULL),
('slow-cooker-chicken-bone-broth', 7, 'bay leaf', 2, 'piece', NULL),
('slow-cooker-chicken-bone-broth', 8, 'cold water', 3, 'l', 'to cover'),
('slow-cooker-chicken-bone-broth', 9, 'salt', 1, 'tsp', 'add at the end'),

('soft-scrambled-eggs-avocado', 1, 'eggs', 2, 'piece', 'large'),
('soft-scrambled-eggs-avocado', 2, 'butter', 1, 'tsp', NULL),
('soft-scrambled-eggs-avocado', 3, 'avocado', 0.5, 'piece', 'about 100 g flesh, sliced'),
('soft-scrambled-eggs-avocado', 4, 'salt', 1, 'pinch', NULL),
('soft-scrambled-eggs-avocado', 5, 'chives', 1, 'tbsp', 'snipped'),

('greek-yogurt-berry-bowl', 1, 'plain Greek yogurt (2% fat)', 200, 'g', NULL),
('greek-yogurt-berry-bowl', 2, 'mixed berries', 80, 'g', 'fresh or thawed frozen'),
('greek-yogurt-berry-bowl', 3, 'chia seeds', 1, 'tbsp', NULL),
('greek-yogurt-berry-bowl', 4, 'walnuts', 10, 'g', 'roughly chopped'),

('peanut-butter-overnight-oats', 1, 'rolled oats', 50, 'g', 'certified gluten-free if needed'),
('peanut-butter-overnight-oats', 2, 'semi-skimmed milk', 150, 'ml', NULL),
('peanut-butter-overnight-oats', 3, 'chia seeds', 1, 'tbsp', NULL),
('peanut-butter-overnight-oats', 4, 'smooth peanut butter', 1, 'tbsp', 'no added sugar'),
('peanut-butter-overnight-oats', 5, 'banana', 0.5, 'piece', 'sliced'),
('peanut-butter-overnight-oats', 6, 'ground cinnamon', 1, 'pinch', NULL),

('shakshuka', 1, 'olive oil', 1, 'tbsp', NULL),
('shakshuka', 2, 'onion', 1, 'piece', 'finely sliced'),
('shakshuka', 3, 'red pepper', 1, 'piece', 'sliced'),
('shakshuka', 4, 'garlic', 2, 'clove', 'crushed'),
('shakshuka', 5, 'ground cumin', 1, 'tsp', NULL),
('shakshuka', 6, 'smoked paprika', 1, 'tsp', NULL),
('shakshuka', 7, 'chopped tomatoes', 400, 'g', 'one can'),
('shakshuka', 8, 'eggs', 4, 'piece', NULL),
('shakshuka', 9, 'feta', 30, 'g', 'crumbled'),
('shakshuka', 10, 'flat-leaf parsley', 1, 'handful', 'chopped'),

('salmon-quinoa-power-bowl', 1, 'salmon fillet', 120, 'g', 'skinless'),
('salmon-quinoa-power-bowl', 2, 'quinoa', 50, 'g', 'dry weight'),
('salmon-quinoa-power-bowl', 3, 'shelled edamame', 60, 'g', 'frozen'),
('salmon-quinoa-power-bowl', 4, 'cucumber', 50, 'g', 'diced'),
('salmon-quinoa-power-bowl', 5, 'avocado', 70, 'g', 'sliced'),
('salmon-quinoa-power-bowl', 6, 'tamari', 1, 'tsp', 'gluten-free soy sauce'),
('salmon-quinoa-power-bowl', 7, 'toasted sesame oil', 1, 'tsp', NULL),
('salmon-quinoa-power-bowl', 8, 'sesame seeds', 1, 'tsp', NULL),

('slow-cooker-red-lentil-soup', 1, 'dried red lentils', 300, 'g', 'rinsed'),
('slow-cooker-red-lentil-soup', 2, 'onion', 1, 'piece', 'chopped'),
('slow-cooker-red-lentil-soup', 3, 'carrot', 2, 'piece', 'diced'),
('slow-cooker-red-lentil-soup', 4, 'celery stick', 2, 'piece', 'diced'),
('slow-cooker-red-lentil-soup', 5, 'garlic', 3, 'clove', 'crushed'),
('slow-cooker-red-lentil-soup', 6, 'chopped tomatoes', 400, 'g', 'one can'),
('slow-cooker-red-lentil-soup', 7, 'low-salt vegetable stock', 1.2, 'l', NULL),
('slow-cooker-red-lentil-soup', 8, 'ground cumin', 2, 'tsp', NULL),
('slow-cooker-red-lentil-soup', 9, 'ground turmeric', 1, 'tsp', NULL),
('slow-cooker-red-lentil-soup', 10, 'olive oil', 2, 'tbsp', NULL),
('slow-cooker-red-lentil-soup', 11, 'salt', 0.5, 'tsp', NULL),
('slow-cooker-red-lentil-soup', 12, 'baby spinach', 100, 'g', NULL),
('slow-cooker-red-lentil-soup', 13, 'lemon juice', 2, 'tbsp', NULL),

('slow-cooker-chicken-chili', 1, 'boneless skinless chicken thighs', 800, 'g', NULL),
('slow-cooker-chicken-chili', 2, 'onion', 1, 'piece', 'chopped'),
('slow-cooker-chicken-chili', 3, 'red pepper', 1, 'piece', 'chopped'),
('slow-cooker-chicken-chili', 4, 'garlic', 3, 'clove', 'crushed'),
('slow-cooker-chicken-chili', 5, 'black beans', 2, 'can', '400 g cans, drained and rinsed'),
('slow-cooker-chicken-chili', 6, 'chopped tomatoes', 400, 'g', 'one can'),
('slow-cooker-chicken-chili', 7, 'mild chili powder', 2, 'tbsp', NULL),
('slow-cooker-chicken-chili', 8, 'ground cumin', 1, 'tsp', NULL),
('slow-cooker-chicken-chili', 9, 'smoked paprika', 1, 'tsp', NULL),
('slow-cooker-chicken-chili', 10, 'chicken stock', 250, 'ml', 'low salt'),
('slow-cooker-chicken-chili', 11, 'salt', 1, 'tsp', NULL),
('slow-cooker-chicken-chili', 12, 'lime', 1, 'piece', 'juiced'),
('slow-cooker-chicken-chili', 13, 'fresh coriander', 1, 'handful', 'chopped'),

('slow-cooker-beef-sweet-potato-stew', 1, 'beef chuck', 900, 'g', 'trimmed, in 4 cm cubes'),
('slow-cooker-beef-sweet-potato-stew', 2, 'olive oil', 1, 'tbsp', NULL),
('slow-cooker-beef-sweet-potato-stew', 3, 'onion', 1, 'piece', 'chopped'),
('slow-cooker-beef-sweet-potato-stew', 4, 'garlic', 3, 'clove', 'crushed'),
('slow-cooker-beef-sweet-potato-stew', 5, 'tomato paste', 2, 'tbsp', NULL),
('slow-cooker-beef-sweet-potato-stew', 6, 'beef stock', 500, 'ml', NULL),
('slow-cooker-beef-sweet-potato-stew', 7, 'carrot', 3, 'piece', 'in thick slices'),
('slow-cooker-beef-sweet-potato-stew', 8, 'celery stick', 2, 'piece', 'sliced'),
('slow-cooker-beef-sweet-potato-stew', 9, 'chestnut mushrooms', 300, 'g', 'halved'),
('slow-cooker-beef-sweet-potato-stew', 10, 'sweet potato', 400, 'g', 'peeled, in chunks'),
('slow-cooker-beef-sweet-potato-stew', 11, 'fresh thyme', 2, 'sprig', NULL),
('slow-cooker-beef-sweet-potato-stew', 12, 'bay leaf', 1, 'piece', NULL),
('slow-cooker-beef-sweet-potato-stew', 13, 'salt', 1, 'tsp', NULL),

('slow-cooker-chickpea-sweet-potato-curry', 1, 'onion', 1, 'piece', 'chopped'),
('slow-cooker-chickpea-sweet-potato-curry', 2, 'garlic', 3, 'clove', 'crushed'),
('slow-cooker-chickpea-sweet-potato-curry', 3, 'fresh ginger', 20, 'g', 'grated'),
('slow-cooker-chickpea-sweet-potato-curry', 4, 'mild curry powder', 2, 'tbsp', NULL),
('slow-cooker-chickpea-sweet-potato-curry', 5, 'ground turmeric', 1, 'tsp', NULL),
('slow-cooker-chickpea-sweet-potato-curry', 6, 'sweet potato', 400, 'g', 'peeled, in chunks'),
('slow-cooker-chickpea-sweet-potato-curry', 7, 'chickpeas', 2, 'can', '400 g cans, drained'),
('slow-cooker-chickpea-sweet-potato-curry', 8, 'chopped tomatoes', 400, 'g', 'one can'),
('slow-cooker-chickpea-sweet-potato-curry', 9, 'light coconut milk', 400, 'ml', 'one can'),
('slow-cooker-chickpea-sweet-potato-curry', 10, 'salt', 1, 'tsp', NULL),
('slow-cooker-chickpea-sweet-potato-curry', 11, 'baby spinach', 150, 'g', NULL),
('slow-cooker-chickpea-sweet-potato-curry', 12, 'lime', 1, 'piece', 'juiced'),

('lemon-butter-salmon-asparagus', 1, 'salmon fillets', 300, 'g', 'two fillets, skin on'),
('lemon-butter-salmon-asparagus', 2, 'asparagus', 250, 'g', 'woody ends snapped off'),
('lemon-butter-salmon-asparagus', 3, 'unsalted butter', 30, 'g', NULL),
('lemon-butter-salmon-asparagus', 4, 'garlic', 2, 'clove', 'finely sliced'),
('lemon-butter-salmon-asparagus', 5, 'lemon', 1, 'piece', 'juiced'),
('lemon-butter-salmon-asparagus', 6, 'fresh dill', 1, 'tbsp', 'chopped'),
('lemon-butter-salmon-asparagus', 7, 'salt', 0.5, 'tsp', NULL),

('creamy-garlic-chicken-spinach', 1, 'boneless skinless chicken thighs', 600, 'g', NULL),
('creamy-garlic-chicken-spinach', 2, 'olive oil', 1, 'tbsp', NULL),
('creamy-garlic-chicken-spinach', 3, 'garlic', 3, 'clove', 'crushed'),
('creamy-garlic-chicken-spinach', 4, 'cherry tomatoes', 150, 'g', 'halved'),
('creamy-garlic-chicken-spinach', 5, 'double cream', 150, 'ml', NULL),
('creamy-garlic-chicken-spinach', 6, 'Parmesan', 40, 'g', 'finely grated'),
('creamy-garlic-chicken-spinach', 7, 'baby spinach', 150, 'g', NULL),
('creamy-garlic-chicken-spinach', 8, 'salt', 0.5, 'tsp', NULL),

('tofu-cauliflower-fried-rice', 1, 'firm tofu', 150, 'g', 'pressed'),
('tofu-cauliflower-fried-rice', 2, 'avocado or rapeseed oil', 1, 'tbsp', NULL),
('tofu-cauliflower-fried-rice', 3, 'garlic', 2, 'clove', 'crushed'),
('tofu-cauliflower-fried-rice', 4, 'fresh ginger', 1, 'tbsp', 'grated'),
('tofu-cauliflower-fried-rice', 5, 'carrot', 1, 'piece', 'finely diced'),
('tofu-cauliflower-fried-rice', 6, 'riced cauliflower', 500, 'g', 'fresh or frozen'),
('tofu-cauliflower-fried-rice', 7, 'frozen peas', 100, 'g', NULL),
('tofu-cauliflower-fried-rice', 8, 'eggs', 2, 'piece', 'beaten'),
('tofu-cauliflower-fried-rice', 9, 'tamari', 4, 'tsp', 'gluten-free soy sauce'),
('tofu-cauliflower-fried-rice', 10, 'toasted sesame oil', 1, 'tsp', NULL),
('tofu-cauliflower-fried-rice', 11, 'spring onions', 2, 'piece', 'sliced'),

('mediterranean-chickpea-salad', 1, 'chickpeas', 1, 'can', '400 g can, drained'),
('mediterranean-chickpea-salad', 2, 'cucumber', 200, 'g', NULL),
('mediterranean-chickpea-salad', 3, 'cherry tomatoes', 200, 'g', NULL),
('mediterranean-chickpea-salad', 4, 'red onion', 0.5, 'piece', NULL),
('mediterranean-chickpea-salad', 5, 'kalamata olives', 60, 'g', 'pitted'),
('mediterranean-chickpea-salad', 6, 'flat-leaf parsley', 1, 'handful', 'chopped'),
('mediterranean-chickpea-salad', 7, 'extra virgin olive oil', 2, 'tbsp', NULL),
('mediterranean-chickpea-salad', 8, 'lemon juice', 1, 'tbsp', NULL),
('mediterranean-chickpea-salad', 9, 'dried oregano', 1, 'tsp', NULL),
('mediterranean-chickpea-salad', 10, 'salt', 1, 'pinch', NULL),

('greek-chicken-traybake', 1, 'chicken breast', 600, 'g', 'in large chunks'),
('greek-chicken-traybake', 2, 'new potatoes', 300, 'g', 'halved'),
('greek-chicken-traybake', 3, 'red peppers', 2, 'piece', NULL),
('greek-chicken-traybake', 4, 'courgettes', 2, 'piece', 'about 400 g'),
('greek-chicken-traybake', 5, 'red onion', 1, 'piece', 'in wedges'),
('greek-chicken-traybake', 6, 'olive oil', 3, 'tbsp', NULL),
('greek-chicken-traybake', 7, 'garlic', 3, 'clove', 'crushed'),
('greek-chicken-traybake', 8, 'dried oregano', 2, 'tsp', NULL),
('greek-chicken-traybake', 9, 'lemon', 1, 'piece', 'zest and juice'),
('greek-chicken-traybake', 10, 'salt', 0.5, 'tsp', NULL),
('greek-chicken-traybake', 11, 'feta', 80, 'g', 'crumbled'),

('tuna-white-bean-salad', 1, 'tuna in spring water', 1, 'can', 'about 140 g drained'),
('tuna-white-bean-salad', 2, 'cannellini beans', 1, 'can', '400 g can, drained'),
('tuna-white-bean-salad', 3, 'rocket', 60, 'g', NULL),
('tuna-white-bean-salad', 4, 'cherry tomatoes', 150, 'g', 'halved'),
('tuna-white-bean-salad', 5, 'red onion', 40, 'g', 'finely sliced'),
('tuna-white-bean-salad', 6, 'capers', 1, 'tbsp', 'rinsed'),
('tuna-white-bean-salad', 7, 'extra virgin olive oil', 2, 'tbsp', NULL),
('tuna-white-bean-salad', 8, 'red wine vinegar', 1, 'tbsp', NULL),
('tuna-white-bean-salad', 9, 'flat-leaf parsley', 1, 'handful', 'chopped'),

('coconut-chia-pudding', 1, 'chia seeds', 3, 'tbsp', 'about 36 g'),
('coconut-chia-pudding', 2, 'unsweetened almond milk', 200, 'ml', NULL),
('coconut-chia-pudding', 3, 'maple syrup', 1, 'tsp', NULL),
('coconut-chia-pudding', 4, 'vanilla extract', 0.25, 'tsp', NULL),
('coconut-chia-pudding', 5, 'raspberries', 80, 'g', NULL),
('coconut-chia-pudding', 6, 'unsweetened coconut flakes', 1, 'tbsp', NULL),

('banana-oat-protein-pancakes', 1, 'rolled oats', 60, 'g', NULL),
('banana-oat-protein-pancakes', 2, 'ripe banana', 1, 'piece', 'about 120 g peeled'),
('banana-oat-protein-pancakes', 3, 'eggs', 2, 'piece', NULL),
('banana-oat-protein-pancakes', 4, 'cottage cheese', 150, 'g', 'reduced fat'),
('banana-oat-protein-pancakes', 5, 'baking powder', 1, 'tsp', NULL),
('banana-oat-protein-pancakes', 6, 'ground cinnamon', 1, 'tsp', NULL),
('banana-oat-protein-pancakes', 7, 'rapeseed oil', 1, 'tsp', 'for the pan'),
('banana-oat-protein-pancakes', 8, 'blueberries', 100, 'g', NULL),

('green-protein-smoothie', 1, 'unsweetened soy milk', 250, 'ml', NULL),
('green-protein-smoothie', 2, 'baby spinach', 40, 'g', NULL),
('green-protein-smoothie', 3, 'frozen banana', 60, 'g', NULL),
('green-protein-smoothie', 4, 'frozen mango', 50, 'g', NULL),
('green-protein-smoothie', 5, 'avocado', 50, 'g', NULL),
('green-protein-smoothie', 6, 'ground flaxseed', 1, 'tbsp', NULL),

('miso-soup-tofu-wakame', 1, 'water', 750, 'ml', NULL),
('miso-soup-tofu-wakame', 2, 'kombu', 5, 'g', 'one 10 cm piece'),
('miso-soup-tofu-wakame', 3, 'white miso paste', 1.5, 'tbsp', 'check the label if avoiding gluten'),
('miso-soup-tofu-wakame', 4, 'silken tofu', 150, 'g', 'in small cubes'),
('miso-soup-tofu-wakame', 5, 'dried wakame', 5, 'g', NULL),
('miso-soup-tofu-wakame', 6, 'mushrooms', 60, 'g', 'shiitake or button, sliced'),
('miso-soup-tofu-wakame', 7, 'spring onions', 2, 'piece', 'sliced'),

('turkey-lettuce-wraps', 1, 'turkey mince (7% fat)', 500, 'g', NULL),
('turkey-lettuce-wraps', 2, 'avocado oil', 1, 'tbsp', NULL),
('turkey-lettuce-wraps', 3, 'garlic', 2, 'clove', 'crushed'),
('turkey-lettuce-wraps', 4, 'fresh ginger', 1, 'tbsp', 'grated'),
('turkey-lettuce-wraps', 5, 'red pepper', 1, 'piece', 'finely diced'),
('turkey-lettuce-wraps', 6, 'carrot', 1, 'piece', 'grated'),
('turkey-lettuce-wraps', 7, 'coconut aminos', 3, 'tbsp', NULL),
('turkey-lettuce-wraps', 8, 'rice vinegar', 1, 'tbsp', NULL),
('turkey-lettuce-wraps', 9, 'spring onions', 2, 'piece', 'sliced'),
('turkey-lettuce-wraps', 10, 'lime', 1, 'piece', 'juiced'),
('turkey-lettuce-wraps', 11, 'butter lettuce', 1, 'piece', 'one head, leaves separated'),
('turkey-lettuce-wraps', 12, 'cashews', 30, 'g', 'toasted, chopped'),

('sirloin-chimichurri-green-beans', 1, 'sirloin steaks', 400, 'g', 'two steaks, fat trimmed'),
('sirloin-chimichurri-green-beans', 2, 'flat-leaf parsley', 20, 'g', NULL),
('sirloin-chimichurri-green-beans', 3, 'garlic', 2, 'clove', NULL),
('sirloin-chimichurri-green-beans', 4, 'extra virgin olive oil', 3, 'tbsp', NULL),
('sirloin-chimichurri-green-beans', 5, 'red wine vinegar', 1, 'tbsp', NULL),
('sirloin-chimichurri-green-beans', 6, 'dried oregano', 0.5, 'tsp', NULL),
('sirloin-chimichurri-green-beans', 7, 'chili flakes', 1, 'pinch', NULL),
('sirloin-chimichurri-green-beans', 8, 'green beans', 250, 'g', 'trimmed'),
('sirloin-chimichurri-green-beans', 9, 'salt', 0.5, 'tsp', NULL),

('vegetable-egg-muffins', 1, 'eggs', 10, 'piece', NULL),
('vegetable-egg-muffins', 2, 'milk', 100, 'ml', NULL),
('vegetable-egg-muffins', 3, 'red pepper', 1, 'piece', 'finely diced'),
('vegetable-egg-muffins', 4, 'baby spinach', 100, 'g', 'chopped'),
('vegetable-egg-muffins', 5, 'spring onions', 4, 'piece', 'sliced'),
('vegetable-egg-muffins', 6, 'mature cheddar', 80, 'g', 'grated'),
('vegetable-egg-muffins', 7, 'salt', 0.5, 'tsp', NULL),
('vegetable-egg-muffins', 8, 'oil', 2, 'tsp', 'for the tin'),

('hummus-with-crudites', 1, 'chickpeas', 1, 'can', '400 g can, drained'),
('hummus-with-crudites', 2, 'tahini', 3, 'tbsp', NULL),
('hummus-with-crudites', 3, 'lemon juice', 3, 'tbsp', NULL),
('hummus-with-crudites', 4, 'garlic', 1, 'clove', NULL),
('hummus-with-crudites', 5, 'ground cumin', 0.5, 'tsp', NULL),
('hummus-with-crudites', 6, 'salt', 0.5, 'tsp', NULL),
('hummus-with-crudites', 7, 'ice water', 4, 'tbsp', NULL),
('hummus-with-crudites', 8, 'extra virgin olive oil', 2, 'tbsp', NULL),
('hummus-with-crudites', 9, 'carrots', 200, 'g', 'in sticks'),
('hummus-with-crudites', 10, 'cucumber', 300, 'g', 'in sticks'),
('hummus-with-crudites', 11, 'red pepper', 1, 'piece', 'in strips'),

('smoked-salmon-cucumber-bites', 1, 'cucumber', 1, 'piece', 'about 300 g'),
('smoked-salmon-cucumber-bites', 2, 'full-fat cream cheese', 100, 'g', NULL),
('smoked-salmon-cucumber-bites', 3, 'smoked salmon', 100, 'g', NULL),
('smoked-salmon-cucumber-bites', 4, 'lemon zest', 1, 'tsp', NULL),
('smoked-salmon-cucumber-bites', 5, 'capers', 1, 'tsp', NULL),
('smoked-salmon-cucumber-bites', 6, 'fresh dill', 4, 'sprig', NULL),
('smoked-salmon-cucumber-bites', 7, 'black pepper', NULL, NULL, 'to taste'),

('turmeric-tofu-scramble', 1, 'firm tofu', 300, 'g', 'drained'),
('turmeric-tofu-scramble', 2, 'olive oil', 1, 'tbsp', NULL),
('turmeric-tofu-scramble', 3, 'onion', 0.5, 'piece', 'finely chopped'),
('turmeric-tofu-scramble', 4, 'red pepper', 1, 'piece', 'diced'),
('turmeric-tofu-scramble', 5, 'garlic', 2, 'clove', 'crushed'),
('turmeric-tofu-scramble', 6, 'ground turmeric', 0.5, 'tsp', NULL),
('turmeric-tofu-scramble', 7, 'ground cumin', 0.5, 'tsp', NULL),
('turmeric-tofu-scramble', 8, 'nutritional yeast', 2, 'tbsp', NULL),
('turmeric-tofu-scramble', 9, 'salt', 0.25, 'tsp', NULL),
('turmeric-tofu-scramble', 10, 'baby spinach', 60, 'g', NULL),

('courgette-noodles-pesto-prawns', 1, 'courgettes', 3, 'piece', 'about 600 g, spiralised'),
('courgette-noodles-pesto-prawns', 2, 'raw king prawns', 250, 'g', 'peeled'),
('courgette-noodles-pesto-prawns', 3, 'fresh basil', 30, 'g', NULL),
('courgette-noodles-pesto-prawns', 4, 'pine nuts', 25, 'g', 'lightly toasted'),
('courgette-noodles-pesto-prawns', 5, 'Parmesan', 25, 'g', 'grated'),
('courgette-noodles-pesto-prawns', 6, 'garlic', 1, 'clove', NULL),
('courgette-noodles-pesto-prawns', 7, 'extra virgin olive oil', 3, 'tbsp', NULL),
('courgette-noodles-pesto-prawns', 8, 'cherry tomatoes', 100, 'g', 'halved'),
('courgette-noodles-pesto-prawns', 9, 'salt', 0.25, 'tsp', NULL),

('baked-cod-tomatoes-olives', 1, 'cod fillets', 600, 'g', 'four fillets'),
('baked-cod-tomatoes-olives', 2, 'cherry tomatoes', 400, 'g', NULL),
('baked-cod-tomatoes-olives', 3, 'kalamata olives', 60, 'g', 'pitted'),
('baked-cod-tomatoes-olives', 4, 'capers', 2, 'tbsp', 'rinsed'),
('baked-cod-tomatoes-olives', 5, 'garlic', 3, 'clove', 'sliced'),
('baked-cod-tomatoes-olives', 6, 'olive oil', 2, 'tbsp', NULL),
('baked-cod-tomatoes-olives', 7, 'salt', 0.25, 'tsp', NULL),
('baked-cod-tomatoes-olives', 8, 'lemon', 1, 'piece', 'juiced'),
('baked-cod-tomatoes-olives', 9, 'fresh basil', 1, 'handful', NULL);

-- A slug typo here would silently seed nothing for that recipe: fail the whole seed instead.
DO $$
DECLARE
    missing text;
BEGIN
    SELECT string_agg(DISTINCT s.recipe_slug, ', ') INTO missing
    FROM seed_recipe_ingredients s
    LEFT JOIN recipes r ON r.slug = s.recipe_slug
    WHERE r.id IS NULL
      AND s.recipe_slug NOT IN (SELECT slug FROM recipe_deletions);
    IF missing IS NOT NULL THEN
        RAISE EXCEPTION 'seed_recipe_ingredients names unknown recipes: %', missing;
    END IF;
END;
$$;

INSERT INTO recipe_ingredients (recipe_id, position, name, quantity, unit, notes)
SELECT r.id, s.position, s.name, s.quantity, s.unit, s.notes
FROM seed_recipe_ingredients s
JOIN recipes r ON r.slug = s.recipe_slug
WHERE NOT admin_touched('nutrition.recipe', r.id::text)
ON CONFLICT (recipe_id, position) DO UPDATE SET
    name = EXCLUDED.name, quantity = EXCLUDED.quantity, unit = EXCLUDED.unit,
    notes = EXCLUDED.notes
WHERE (recipe_ingredients.name, recipe_ingredients.quantity, recipe_ingredients.unit,
       recipe_ingredients.notes)
      IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.quantity, EXCLUDED.unit, EXCLUDED.notes);

DELETE FROM recipe_ingredients ri
USING recipes r
WHERE ri.recipe_id = r.id
  AND r.slug IN (SELECT recipe_slug FROM seed_recipe_ingredients)
  AND NOT admin_touched('nutrition.recipe', r.id::text)
  AND NOT EXISTS (SELECT 1 FROM seed_recipe_ingredients s
                  WHERE s.recipe_slug = r.slug AND s.position = ri.position);

DROP TABLE seed_recipe_ingredients;
