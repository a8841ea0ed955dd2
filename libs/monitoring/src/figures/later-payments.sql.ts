/**
 * An installment's key as one fixed-width binary value (an ASCII loan id of at most 32 characters,
 * '#' and the number fit in 44 bytes), so that a derived table keyed by it is materialised once as
 * a small in-memory table and probed, rather than recomputed per loan.
 */
export const installmentKey = (loanId: string, number: string) =>
  `CAST(CONCAT(${loanId}, '#', ${number}) AS BINARY(44))`;

/**
 * A derived table of the payments received after a day, per installment (`k`): the principal and
 * interest of their allocation lines for dates after the day, in minor units. Its parameters are
 * the day's end (an instant) and the day (YYYY-MM-DD). Only those repayments' JSON is read; what
 * the figures add back to an installment's running totals to see it as it stood on the day.
 */
export const LATER_PAYMENT_LINES = `
  SELECT ${installmentKey('r.loan_id', 'jt.installment_number')} AS k,
         SUM(CASE WHEN jt.category = 'principal'
                  THEN CAST(ROUND(jt.amount * 100) AS SIGNED) ELSE 0 END) AS principal_minor,
         SUM(CASE WHEN jt.category = 'interest'
                  THEN CAST(ROUND(jt.amount * 100) AS SIGNED) ELSE 0 END) AS interest_minor
    FROM repayment r
    JOIN JSON_TABLE(r.allocation_json, '$[*]' COLUMNS (
           installment_number INT PATH '$.installmentNumber',
           category VARCHAR(16) PATH '$.category',
           amount DECIMAL(20,2) PATH '$.amount',
           paid_on VARCHAR(10) PATH '$.paidOn')) AS jt
   WHERE r.paid_at >= ? AND jt.paid_on > ?
   GROUP BY k`;
