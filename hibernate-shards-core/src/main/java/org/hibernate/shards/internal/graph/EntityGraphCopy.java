package org.hibernate.shards.internal.graph;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.persistence.EntityGraph;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.graph.EntityGraphs;
import org.hibernate.graph.spi.AttributeNodeImplementor;
import org.hibernate.graph.spi.GraphImplementor;
import org.hibernate.graph.spi.RootGraphImplementor;
import org.hibernate.metamodel.model.domain.JpaMetamodel;

/**
 * An entity graph rebuilt on one shard's metamodel. Hibernate binds a graph to the attributes of the factory it was
 * made on, and a sharded session makes its graphs on shard 0's; a find routed to another shard needs the same graph
 * made of that shard's attributes. Every shard has the same mappings, so the copy follows the graph by attribute
 * names: attribute nodes, value and key subgraphs, and subgraphs treated as a subtype.
 * <p>
 * The one adapter that reads Hibernate's graph SPI, so that a Hibernate upgrade touches one file.
 */
public final class EntityGraphCopy {
	private EntityGraphCopy() {
	}

	/**
	 * @param graph a graph made on any shard's factory (or the sharded session's, which is shard 0's)
	 * @param factory the factory of the shard that runs the operation
	 * @return the graph itself when it is already bound to that factory's metamodel, otherwise a mutable copy bound to it
	 * @throws IllegalArgumentException for a graph that is not Hibernate's
	 */
	public static <T> RootGraphImplementor<T> onFactory(EntityGraph<T> graph, SessionFactoryImplementor factory) {
		RootGraphImplementor<T> root = hibernateGraph( graph );
		JpaMetamodel metamodel = factory.getJpaMetamodel();
		if ( root.getGraphedType().getMetamodel() == metamodel ) {
			return root;
		}
		@SuppressWarnings("unchecked") // the same entity as the original's, found by name in the shard's metamodel
		RootGraphImplementor<T> copy = (RootGraphImplementor<T>) (EntityGraph<?>) EntityGraphs.createGraph(
				metamodel.entity( root.getGraphedType().getTypeName() ) );
		copyInto( root, copy );
		return copy;
	}

	/** @return the name of the entity a graph is rooted at, which a find by the graph routes by */
	public static String entityName(EntityGraph<?> graph) {
		return hibernateGraph( graph ).getGraphedType().getTypeName();
	}

	private static <T> RootGraphImplementor<T> hibernateGraph(EntityGraph<T> graph) {
		if ( graph instanceof RootGraphImplementor<T> root ) {
			return root;
		}
		throw new IllegalArgumentException( "The entity graph " + graph + " was not made by Hibernate: make it with "
				+ "createEntityGraph(Class) or getEntityGraph(String) of the sharded session" );
	}

	/**
	 * @param hints the hints (properties) of a find
	 * @return the same hints, with every entity graph among the values rebuilt on the factory; the map itself when it
	 *         holds no graph
	 */
	public static Map<String, Object> hintsOnFactory(Map<String, Object> hints, SessionFactoryImplementor factory) {
		if ( hints == null || hints.values().stream().noneMatch( EntityGraph.class::isInstance ) ) {
			return hints;
		}
		Map<String, Object> copied = new LinkedHashMap<>( hints );
		copied.replaceAll( (name, value) -> value instanceof EntityGraph<?> graph ? onFactory( graph, factory ) : value );
		return copied;
	}

	@SuppressWarnings({ "rawtypes", "unchecked" }) // the copy has the shape of the original, attribute by attribute
	private static void copyInto(GraphImplementor from, GraphImplementor to) {
		for ( Object element : from.getAttributeNodeList() ) {
			AttributeNodeImplementor node = (AttributeNodeImplementor) element;
			AttributeNodeImplementor copied = to.findOrCreateAttributeNode( node.getAttributeName() );
			if ( node.getValueSubgraph() != null ) {
				copyInto( node.getValueSubgraph(), copied.addValueSubgraph() );
			}
			if ( node.getKeySubgraph() != null ) {
				copyInto( node.getKeySubgraph(), copied.addKeySubgraph() );
			}
		}
		Map<Class, GraphImplementor> treated = from.getTreatedSubgraphs();
		treated.forEach( (type, subgraph) -> copyInto( subgraph, to.addTreatedSubgraph( type ) ) );
	}
}
