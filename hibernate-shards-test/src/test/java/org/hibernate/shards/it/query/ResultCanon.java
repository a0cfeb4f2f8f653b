package org.hibernate.shards.it.query;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import jakarta.persistence.Tuple;
import jakarta.persistence.TupleElement;
import org.hibernate.Hibernate;
import org.hibernate.shards.it.query.model.Customer;
import org.hibernate.shards.it.query.model.CustomerCard;
import org.hibernate.shards.it.query.model.OrderLine;
import org.hibernate.shards.it.query.model.Product;
import org.hibernate.shards.it.query.model.PurchaseOrder;

/**
 * Turns query results into comparable text, one list of values per row. Every value keeps its Java type (a query
 * that returns a {@code Long} where Hibernate returns an {@code Integer} differs); BigDecimals compare by value
 * (scale ignored, as {@code compareTo} does); doubles exactly; entities by id and a few attributes.
 */
final class ResultCanon {
	private ResultCanon() {
	}

	/**
	 * @param foldStrings fold strings to what the database's case- and accent-insensitive collation sees as equal:
	 *        for values where the database may return any member of a group of equal strings ("alice" or "Alice")
	 * @param fetches include the ids of the to-many collections of entities, which must be initialised (join fetch)
	 */
	static List<List<String>> rows(List<?> results, boolean foldStrings, boolean fetches) {
		List<List<String>> rows = new ArrayList<>( results.size() );
		for ( Object result : results ) {
			List<String> row = new ArrayList<>();
			if ( result instanceof Object[] array ) {
				for ( Object value : array ) {
					row.add( value( value, foldStrings, fetches ) );
				}
			}
			else {
				row.add( value( result, foldStrings, fetches ) );
			}
			rows.add( row );
		}
		return rows;
	}

	static String value(Object value, boolean fold, boolean fetches) {
		if ( value == null ) {
			return "null";
		}
		if ( value instanceof String s ) {
			return "'" + ( fold ? fold( s ) : s ) + "'";
		}
		if ( value instanceof BigDecimal d ) {
			return "BigDecimal:" + d.stripTrailingZeros().toPlainString();
		}
		if ( value instanceof Number || value instanceof Boolean || value instanceof Character ) {
			return value.getClass().getSimpleName() + ":" + value;
		}
		if ( value instanceof Enum<?> e ) {
			return e.getDeclaringClass().getSimpleName() + "." + e.name();
		}
		if ( value instanceof Temporal ) {
			return value.getClass().getSimpleName() + ":" + value;
		}
		if ( value instanceof Customer c ) {
			String text = "Customer#" + c.getId() + "{" + c.getEmail() + "," + value( c.getName(), fold, false ) + "," + c.getTier() + "}";
			return fetches ? text + collection( c.getOrders(), "orders" ) : text;
		}
		if ( value instanceof PurchaseOrder o ) {
			String text = "PurchaseOrder#" + o.getId() + "{" + o.getStatus() + "," + value( o.getTotal(), fold, false ) + "}";
			return fetches ? text + collection( o.getLines(), "lines" ) : text;
		}
		if ( value instanceof OrderLine l ) {
			return "OrderLine#" + l.getId() + "{" + l.getSku() + "," + l.getQuantity() + "}";
		}
		if ( value instanceof Product p ) {
			return "Product#" + p.getId() + "{" + p.getSku() + "}";
		}
		if ( value instanceof CustomerCard card ) {
			return "CustomerCard(" + value( card.getId(), fold, false ) + "," + value( card.getName(), fold, false ) + ","
					+ value( card.getCredit(), fold, false ) + ")";
		}
		if ( value instanceof Record record ) {
			List<String> parts = new ArrayList<>();
			for ( RecordComponent component : record.getClass().getRecordComponents() ) {
				try {
					parts.add( component.getName() + "=" + value( component.getAccessor().invoke( record ), fold, false ) );
				}
				catch (ReflectiveOperationException e) {
					throw new IllegalStateException( e );
				}
			}
			return record.getClass().getSimpleName() + parts;
		}
		if ( value instanceof Tuple tuple ) {
			List<String> parts = new ArrayList<>();
			Object[] values = tuple.toArray();
			List<TupleElement<?>> elements = tuple.getElements();
			for ( int i = 0; i < values.length; i++ ) {
				TupleElement<?> element = elements.get( i );
				String alias = element.getAlias();
				// the value by alias, where there is one, must be the value by position
				Object byAlias = alias == null ? values[i] : tuple.get( alias );
				parts.add( alias + ":" + element.getJavaType().getSimpleName() + "=" + value( values[i], fold, false )
						+ ( byAlias == values[i] ? "" : "(by alias: " + value( byAlias, fold, false ) + ")" ) );
			}
			return "Tuple" + parts;
		}
		if ( value instanceof Map<?, ?> map ) {
			Map<String, String> sorted = new TreeMap<>();
			map.forEach( (k, v) -> sorted.put( String.valueOf( k ), value( v, fold, false ) ) );
			return "Map" + sorted;
		}
		if ( value instanceof List<?> list ) {
			List<String> parts = new ArrayList<>();
			list.forEach( item -> parts.add( value( item, fold, false ) ) );
			return "List" + parts;
		}
		throw new AssertionError( "No canonical form for a result of type " + value.getClass().getName() + ": " + value );
	}

	private static String collection(Collection<?> entities, String name) {
		if ( !Hibernate.isInitialized( entities ) ) {
			return "{" + name + " not fetched}";
		}
		List<Long> ids = new ArrayList<>();
		for ( Object entity : entities ) {
			ids.add( entity instanceof PurchaseOrder o ? o.getId() : ( (OrderLine) entity ).getId() );
		}
		ids.sort( null );
		return "{" + name + "=" + ids + "}";
	}

	/** What MariaDB's utf8mb4_general_ci treats as equal: case and accents ignored ("Zoë" = "ZOE"). */
	static String fold(String s) {
		String decomposed = Normalizer.normalize( s, Normalizer.Form.NFD ).replaceAll( "\\p{M}", "" );
		return decomposed.toLowerCase( Locale.ROOT );
	}
}
