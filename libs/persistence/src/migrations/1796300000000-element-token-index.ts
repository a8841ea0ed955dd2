import { MigrationInterface, QueryRunner } from 'typeorm';

/** "Instances with a token at element X": found from the element rows, not by scanning instances. */
export class ElementTokenIndex1796300000000 implements MigrationInterface {
  name = 'ElementTokenIndex1796300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'ALTER TABLE element_instance ADD KEY ix_element_instance_element_state (element_id, state, process_instance_key)',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE element_instance DROP KEY ix_element_instance_element_state');
  }
}
