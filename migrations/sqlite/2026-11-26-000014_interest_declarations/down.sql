DROP TABLE interest_declarations;
